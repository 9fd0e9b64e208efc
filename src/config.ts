import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError } from './errors.js'
import type { OptionValue, Transform } from './types.js'

export interface Config {
  /** Where it was read from, for messages; undefined when there is none. */
  source: string | undefined
  disabled: Set<string>
  options: Record<string, Record<string, OptionValue>>
  ignore: string[]
  maxFileSize: number | undefined
}

export const CONFIG_FILE = 'prod-fix.config.json'
const TOP_LEVEL_KEYS = ['$schema', 'transforms', 'ignore', 'maxFileSize']

/** Reads `prod-fix.config.json` (or `"prodFix"` in package.json, or an explicit file) and validates it against the transforms' declared options. */
export function loadConfig(root: string, transforms: readonly Transform[], explicit?: string): Config {
  const found = findConfig(root, explicit)
  if (!found) return { source: undefined, disabled: new Set(), options: {}, ignore: [], maxFileSize: undefined }
  return validateConfig(found.value, found.source, transforms)
}

function findConfig(root: string, explicit: string | undefined): { source: string; value: unknown } | undefined {
  if (explicit) return { source: explicit, value: readJson(explicit, explicit) }
  const file = join(root, CONFIG_FILE)
  if (existsSync(file)) return { source: CONFIG_FILE, value: readJson(file, CONFIG_FILE) }
  const pkgFile = join(root, 'package.json')
  if (!existsSync(pkgFile)) return undefined
  let pkg: unknown
  try {
    pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
  } catch {
    return undefined // a broken package.json is the project's business, not a prod-fix config error
  }
  const value = (pkg as Record<string, unknown> | null)?.prodFix
  return value === undefined ? undefined : { source: 'package.json "prodFix"', value }
}

function readJson(path: string, label: string): unknown {
  let text
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new ConfigError(`${label}: cannot read the file`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`${label}: not valid JSON (${(error as Error).message})`)
  }
}

/** Validates a parsed configuration; every error names the key and what was expected. */
export function validateConfig(value: unknown, source: string, transforms: readonly Transform[]): Config {
  const fail = (key: string, expected: string): never => {
    throw new ConfigError(`${source}: "${key}" ${expected}`)
  }
  if (!isObject(value)) return fail('(root)', 'must be an object')
  for (const key of Object.keys(value)) if (!TOP_LEVEL_KEYS.includes(key)) fail(key, `is not a known setting (expected one of: ${TOP_LEVEL_KEYS.slice(1).join(', ')})`)
  const config: Config = { source, disabled: new Set(), options: {}, ignore: [], maxFileSize: undefined }

  if (value.ignore !== undefined) {
    if (!Array.isArray(value.ignore) || !value.ignore.every((g) => typeof g === 'string')) fail('ignore', 'must be an array of glob strings')
    config.ignore = value.ignore as string[]
  }
  if (value.maxFileSize !== undefined) {
    if (typeof value.maxFileSize !== 'number' || !(value.maxFileSize > 0)) fail('maxFileSize', 'must be a positive number of bytes')
    config.maxFileSize = value.maxFileSize as number
  }
  if (value.transforms === undefined) return config
  if (!isObject(value.transforms)) return fail('transforms', 'must be an object keyed by transform id')
  const byId = new Map(transforms.map((t) => [t.meta.id, t]))
  for (const [id, setting] of Object.entries(value.transforms)) {
    const transform = byId.get(id) ?? fail(`transforms.${id}`, `is not a transform (known: ${[...byId.keys()].join(', ')})`)
    if (typeof setting === 'boolean') {
      if (!setting) config.disabled.add(id)
      continue
    }
    if (!isObject(setting)) return fail(`transforms.${id}`, 'must be true, false or { "enabled": boolean, "options": { … } }')
    for (const key of Object.keys(setting)) if (key !== 'enabled' && key !== 'options') fail(`transforms.${id}.${key}`, 'is not a known setting (expected enabled or options)')
    if (setting.enabled !== undefined && typeof setting.enabled !== 'boolean') fail(`transforms.${id}.enabled`, 'must be a boolean')
    if (setting.enabled === false) config.disabled.add(id)
    if (setting.options === undefined) continue
    if (!isObject(setting.options)) return fail(`transforms.${id}.options`, 'must be an object')
    const defaults = transform.meta.options ?? {}
    for (const [key, option] of Object.entries(setting.options)) {
      const at = `transforms.${id}.options.${key}`
      if (!(key in defaults)) fail(at, `is not an option of ${id} (options: ${Object.keys(defaults).join(', ') || 'none'})`)
      const expected = describeType(defaults[key]!)
      if (describeType(option as OptionValue) !== expected) fail(at, `must be ${expected}`)
    }
    config.options[id] = setting.options as Record<string, OptionValue>
  }
  return config
}

function describeType(value: OptionValue): string {
  if (Array.isArray(value)) return 'an array of strings'
  if (isObject(value)) return 'an object'
  return `a ${typeof value}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
