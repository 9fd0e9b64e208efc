import type { Node } from '@babel/types'
import type MagicString from 'magic-string'

/** A half-open character range. */
export type Range = [number, number]

const RELATED_COMMENT = /prisma|client|database|\bdb\b|connection/i

/**
 * The range to delete so that a statement disappears with its line: its indentation, a
 * trailing comment on the same line, a comment directly above that talks about the client,
 * and one of two blank lines it would leave side by side.
 */
export function statementRange(text: string, node: Node): Range {
  let start = node.start!
  const leading = node.leadingComments ?? []
  const comment = leading[leading.length - 1]
  if (comment && RELATED_COMMENT.test(comment.value) && !/\n\s*\n/.test(text.slice(comment.end, start))) start = leading.filter((c) => !/\n\s*\n/.test(text.slice(c.end, start)))[0]?.start ?? start
  let end = node.end!
  const rest = /^[ \t]*(?:\/\/[^\n]*)?/.exec(text.slice(end))![0]
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  if (!/^[ \t]*$/.test(text.slice(lineStart, start)) || (end + rest.length < text.length && text[end + rest.length] !== '\n' && text[end + rest.length] !== '\r')) {
    return [start, end]
  }
  start = lineStart
  end += rest.length
  if (text[end] === '\r') end++
  if (text[end] === '\n') end++
  const previousBlank = start === 0 || /\n[ \t]*\r?\n$/.test(text.slice(0, start)) || /^[ \t]*\r?\n$/.test(text.slice(0, start))
  const nextBlank = /^[ \t]*\r?\n/.exec(text.slice(end))
  if (previousBlank && nextBlank) end += nextBlank[0].length
  return [start, end]
}

/** Removes one element of a comma-separated list (specifier, declarator, property) with its comma. */
export function listItemRange(items: readonly Node[], index: number): Range {
  const item = items[index]!
  if (items.length === 1) return [item.start!, item.end!]
  if (index < items.length - 1) return [item.start!, items[index + 1]!.start!]
  // The last item takes the comma before it, keeping a trailing comma if the list had one.
  return [items[index - 1]!.end!, item.end!]
}

/** Whether a position falls inside one of the ranges. */
export function within(ranges: readonly Range[], position: number): boolean {
  return ranges.some(([start, end]) => position >= start && position < end)
}

/** Deletes each range once, skipping ranges nested in one already deleted. */
export function removeAll(edit: MagicString, ranges: readonly Range[]): void {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let reach = -1
  for (const [start, end] of sorted) {
    if (end <= reach) continue
    const from = Math.max(start, reach)
    if (end > from) edit.remove(from, end)
    reach = Math.max(reach, end)
  }
}
