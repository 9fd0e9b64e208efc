import { describe, expect, it } from 'vitest'
import { repairMojibake } from '../../src/audit/encoding.js'

/** What a report looks like after its UTF-8 bytes were read in another encoding. */
function mangle(text: string, encoding: 'macintosh' | 'windows-1252'): string {
  const bytes = new TextEncoder().encode(text)
  if (encoding === 'macintosh') return new TextDecoder('macintosh').decode(bytes)
  const c1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'
  return [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? c1[b - 0x80] : String.fromCharCode(b))).join('')
}

describe('repairMojibake', () => {
  it('restores emoji decoded as Mac Roman, as in the audit reports users receive', () => {
    expect(repairMojibake('### üî¥ Issue #1')).toBe('### 🔴 Issue #1')
    expect(repairMojibake('**Status:** ‚ö†Ô∏è NEEDS WORK')).toBe('**Status:** ⚠️ NEEDS WORK')
    expect(repairMojibake(mangle('## ✅ PASS and ❌ FAIL and 🟠 high', 'macintosh'))).toBe('## ✅ PASS and ❌ FAIL and 🟠 high')
  })

  it('restores emoji decoded as Windows-1252', () => {
    expect(repairMojibake(mangle('### 🔴 Pool has no limit', 'windows-1252'))).toBe('### 🔴 Pool has no limit')
    expect(repairMojibake('### ðŸ”´ Pool')).toBe('### 🔴 Pool')
  })

  it('recovers sequences whose no-break space or Apple-logo lead byte was lost on the way', () => {
    expect(repairMojibake('### ðŸŸ  High item')).toBe('### 🟠 High item')
    expect(repairMojibake('### üî¥ lost lead')).toBe('### 🔴 lost lead')
  })

  it('leaves real accented text and correct emoji alone', () => {
    const text = 'Café naïve über — “quoted” 🔴 ⚠️ ✅ 52.2%'
    expect(repairMojibake(text)).toBe(text)
  })
})
