import { isMap, isSeq, parseDocument, type Document } from 'yaml'

/**
 * A file's shape as far as the edits may not change it: top-level keys, and per step its keys
 * and identity (`name`, `id`, `uses`, `entrypoint`). The edits only rewrite argument lists,
 * scripts and `with:` inputs, and may add `substitutions`, `flags` and `secrets`; anything else
 * differing after an edit means the text splice went wrong, so the edit is dropped.
 */
export function sameShape(before: string, after: string, added: readonly string[]): boolean {
  const a = shape(parseDocument(before))
  const b = shape(parseDocument(after))
  if (a.length !== b.length) return false
  return a.every((line, i) => line === b[i] || stripAdded(b[i]!, added) === stripAdded(line, added))
}

function shape(doc: Document): string[] {
  const lines: string[] = []
  const root = doc.contents
  if (!isMap(root)) return lines
  lines.push(`keys:${root.items.map((pair) => String((pair.key as { value?: unknown })?.value)).filter((key) => key !== 'substitutions').join(',')}`)
  const stepLists = [root.get('steps')]
  const jobs = root.get('jobs')
  if (isMap(jobs)) for (const job of jobs.items) if (isMap(job.value)) stepLists.push(job.value.get('steps'))
  for (const steps of stepLists) {
    if (!isSeq(steps)) continue
    lines.push(`steps:${steps.items.length}`)
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const keys = step.items.map((pair) => String((pair.key as { value?: unknown })?.value)).sort().join(',')
      const withMap = step.get('with')
      const inputs = isMap(withMap) ? withMap.items.map((pair) => String((pair.key as { value?: unknown })?.value)).sort().join(',') : ''
      lines.push(`step:${keys}|${inputs}|${['name', 'id', 'uses', 'entrypoint'].map((key) => JSON.stringify(step.get(key) ?? null)).join('|')}`)
    }
  }
  return lines
}

function stripAdded(line: string, added: readonly string[]): string {
  const [head, inputs = '', ...rest] = line.split('|')
  return [head, inputs.split(',').filter((key) => !added.includes(key)).join(','), ...rest].join('|')
}
