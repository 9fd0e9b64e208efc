/**
 * Audit reports often reach users with their emoji mangled: the UTF-8 bytes of 🔴 or ⚠️ were
 * decoded as Mac Roman ("üî¥", "‚ö†Ô∏è") or Windows-1252 ("ðŸ”´", "âš ï¸") and saved again.
 * Severity markers live in those emoji, so they are repaired before parsing.
 */

/** Windows-1252's 0x80–0x9F (the rest of its high half is Latin-1); some runtimes decode it as plain Latin-1. */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'

/** For each legacy encoding: the character each high byte decodes to, mapped back to the byte. */
const REVERSE_TABLES = [macRomanTable(), cp1252Table()]

function macRomanTable(): Map<string, number> {
  const decoder = new TextDecoder('macintosh')
  const table = new Map<string, number>()
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  return table
}

function cp1252Table(): Map<string, number> {
  const table = new Map<string, number>()
  ;[...CP1252_C1].forEach((char, index) => table.set(char, 0x80 + index))
  for (let byte = 0xa0; byte <= 0xff; byte++) table.set(String.fromCharCode(byte), byte)
  return table
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The text with UTF-8 sequences that were decoded as Mac Roman or Windows-1252 restored. */
export function repairMojibake(text: string): string {
  // A mangled character is a run of non-ASCII characters; a run is repaired only when one
  // encoding turns all of it back into valid UTF-8, so real accents ("café") stay as written.
  return text.replace(/\P{ASCII}{2,} ?/gu, (match) => {
    const run = match.trimEnd()
    const space = match.slice(run.length)
    for (const table of REVERSE_TABLES) {
      const repaired = decodeRun([...run], table)
      if (repaired !== undefined) return repaired + space
      // A sequence ending in byte 0xA0 (🟠, ⚠) shows a no-break space, which editors often turn into a space.
      const withNbsp = space ? decodeRun([...run, '\u00A0'], table) : undefined
      if (withNbsp !== undefined && PICTOGRAPHS.test(withNbsp)) return withNbsp
      // Mac Roman shows byte 0xF0 (the lead of most emoji) as the Apple logo, a private-use character that is often lost.
      const withLead = table === REVERSE_TABLES[0] ? decodeRun(['\u{F8FF}', ...run], table) : undefined
      if (withLead !== undefined && PICTOGRAPHS.test(withLead)) return withLead + space
    }
    return match
  }).replace(VARIATION_SELECTOR_DEBRIS, '$1')
}

const PICTOGRAPHS = /^[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+$/u
/** "ï¸" left after a symbol: the emoji variation selector (EF B8 8F) whose last byte Windows-1252 cannot show. */
const VARIATION_SELECTOR_DEBRIS = /(\p{Extended_Pictographic}) ?ï¸/gu

function decodeRun(chars: string[], table: Map<string, number>): string | undefined {
  const bytes: number[] = []
  for (const char of chars) {
    const byte = table.get(char)
    if (byte === undefined) return undefined
    bytes.push(byte)
  }
  try {
    return strictUtf8.decode(Uint8Array.from(bytes))
  } catch {
    return undefined
  }
}
