import type { Transform } from './types.js'

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/** Declares a transform; checks its metadata once at load time so a malformed one fails loudly in tests. */
export function defineTransform<Scan>(transform: Transform<Scan>): Transform<Scan> {
  const { meta } = transform
  const problems = [
    !ID.test(meta.id) && 'id must be kebab-case',
    (!meta.title || meta.title.endsWith('.')) && 'title must be non-empty without a trailing period',
    !meta.audit.ref && 'audit.ref must be non-empty',
    meta.files.length === 0 && 'files must list at least one glob',
  ].filter(Boolean)
  if (problems.length > 0) throw new Error(`transform ${meta.id}: ${problems.join('; ')}`)
  return transform
}
