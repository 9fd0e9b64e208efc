import type { Transform } from '../types.js'

/** `prod-fix list`: one line per transform, in the order they run. */
export function renderList(transforms: readonly Transform[]): string {
  const width = Math.max(...transforms.map((t) => t.meta.id.length)) + 2
  return transforms.map(({ meta }) => `${meta.id.padEnd(width)}${meta.severity.padEnd(10)}${meta.title}`).join('\n')
}
