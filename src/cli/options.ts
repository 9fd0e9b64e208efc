import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig, type Config } from '../config.js'
import { UsageError } from '../errors.js'
import type { Transform } from '../types.js'

/** Flags shared by the single-repository command and batch. */
export interface RawOptions {
  dryRun?: boolean
  check?: boolean
  json?: boolean
  yes?: boolean
  branch?: boolean | string
  only?: string
  skip?: string
  config?: string
  maxFileSize?: string
  verbose?: boolean
  debug?: boolean
  color?: boolean
}

export interface RunOptions {
  /** The path as the user gave it (the report's `root`). */
  given: string
  root: string
  transforms: Transform[]
  config: Config
  maxFileSize: number | undefined
}

/** Resolves the root, the config and the selected transforms; user mistakes become UsageError. */
export function normalizeOptions(path: string | undefined, raw: RawOptions, registry: readonly Transform[]): RunOptions {
  const given = path ?? '.'
  const root = resolve(given)
  let stat
  try {
    stat = statSync(root)
  } catch {
    throw new UsageError(`${given}: no such directory`)
  }
  if (!stat.isDirectory()) throw new UsageError(`${given}: not a directory`)
  const config = loadConfig(root, registry, raw.config)
  const selected = selectTransforms(registry, raw.only, raw.skip)
  // --only names transforms explicitly, so it wins over the config's "enabled": false.
  const transforms = raw.only ? selected : selected.filter(({ meta: { id } }) => !config.disabled.has(id))
  let maxFileSize = config.maxFileSize
  if (raw.maxFileSize !== undefined) {
    maxFileSize = Number(raw.maxFileSize)
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError(`--max-file-size: expected a positive number of bytes, got "${raw.maxFileSize}"`)
  }
  return { given, root, transforms, config, maxFileSize }
}

/** The transforms `--only` and `--skip` select, in registry order; unknown ids are a UsageError. */
export function selectTransforms(registry: readonly Transform[], only: string | undefined, skip: string | undefined): Transform[] {
  const onlyIds = parseIds('--only', only, registry)
  const skipIds = parseIds('--skip', skip, registry)
  return registry.filter(({ meta: { id } }) => (!onlyIds || onlyIds.has(id)) && !skipIds?.has(id))
}

function parseIds(flag: string, value: string | undefined, registry: readonly Transform[]): Set<string> | undefined {
  if (value === undefined) return undefined
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean)
  const known = new Set(registry.map((t) => t.meta.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) throw new UsageError(`${flag}: unknown transform ${unknown.map((id) => `"${id}"`).join(', ')} (run "prod-fix list" for the ids)`)
  if (ids.length === 0) throw new UsageError(`${flag}: expected a comma-separated list of transform ids`)
  return new Set(ids)
}
