import { createTwoFilesPatch } from 'diff'
import type { FileChange } from '../types.js'

/** 1-based line of the original text where `after` first differs; 1 for a created or deleted file. */
export function firstChangedLine(before: string | null, after: string | null): number {
  if (before === null || after === null) return 1
  const limit = Math.min(before.length, after.length)
  let i = 0
  while (i < limit && before.charCodeAt(i) === after.charCodeAt(i)) i++
  let line = 1
  for (let j = before.indexOf('\n'); j !== -1 && j < i; j = before.indexOf('\n', j + 1)) line++
  return line
}

/** Unified diff of one change (git's a/ b/ headers, 3 lines of context). */
export function unifiedDiff(change: FileChange): string {
  const from = change.before === null ? '/dev/null' : `a/${change.path}`
  const to = change.after === null ? '/dev/null' : `b/${change.path}`
  if (change.untrack && change.after === change.before) return `--- ${from}\n+++ ${to}\n(stops being tracked by git; the file stays on disk)\n`
  const patch = createTwoFilesPatch(from, to, change.before ?? '', change.after ?? '', undefined, undefined, { context: 3 })
  // Drop the "Index:"/"====" preamble jsdiff adds; keep ---/+++ and the hunks.
  return patch.slice(patch.indexOf('--- '))
}
