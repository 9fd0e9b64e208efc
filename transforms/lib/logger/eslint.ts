import type { Comment } from '@babel/types'
import type MagicString from 'magic-string'

/**
 * Removes `no-console` suppressions that no longer suppress anything: `eslint-disable-next-line` /
 * `eslint-disable-line` comments for lines whose console calls were all rewritten, and a file-wide
 * `eslint-disable no-console` once no console use is left. Other rules in the same comment stay.
 */
export function removeConsoleSuppressions(
  edit: MagicString,
  text: string,
  comments: readonly Comment[],
  lineOf: (offset: number) => number,
  freedLines: ReadonlySet<number>,
  consoleLeft: boolean,
): void {
  for (const comment of comments) {
    const match = /^\s*eslint-disable(-next-line|-line)?\s+(.*?)\s*(?:--\s.*)?$/s.exec(comment.value)
    if (!match || !/\bno-console\b/.test(match[2]!)) continue
    const kind = match[1]
    const line = lineOf(comment.start!)
    const freed = kind === '-next-line' ? freedLines.has(line + 1) : kind === '-line' ? freedLines.has(line) : !consoleLeft
    if (!freed) continue
    const rules = match[2]!.split(',').map((r) => r.trim()).filter(Boolean)
    if (rules.length > 1) {
      const kept = rules.filter((r) => r !== 'no-console').join(', ')
      const at = comment.start! + 2 + comment.value.indexOf(match[2]!)
      edit.overwrite(at, at + match[2]!.length, kept)
      continue
    }
    removeComment(edit, text, comment)
  }
}

// Before: `  // eslint-disable-next-line no-console\n` (own line) or `foo() // eslint-disable-line no-console`
// After:  the line is gone, or the code keeps its line without the trailing comment.
function removeComment(edit: MagicString, text: string, comment: Comment): void {
  const lineStart = text.lastIndexOf('\n', comment.start! - 1) + 1
  let lineEnd = text.indexOf('\n', comment.end!)
  if (lineEnd === -1) lineEnd = text.length
  const before = text.slice(lineStart, comment.start!)
  const after = text.slice(comment.end!, lineEnd)
  if (!before.trim() && !after.trim()) {
    edit.remove(lineStart, Math.min(lineEnd + 1, text.length))
    return
  }
  let from = comment.start!
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--
  edit.remove(from, comment.end!)
}
