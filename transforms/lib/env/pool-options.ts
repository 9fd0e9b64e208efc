import { posix } from 'node:path'
import picomatch from 'picomatch'
import type { Finding, OptionValue } from '../../../src/types.js'

/** The parameters prod-fix adds, in the order it writes them. */
export const POOL_PARAMETERS = ['connection_limit', 'pool_timeout', 'connect_timeout'] as const

export type PoolParameter = (typeof POOL_PARAMETERS)[number]

export type PoolValues = Record<PoolParameter, number>

export interface PoolOptions {
  defaults: PoolValues
  /** Overrides by file: exact path, file name or glob → partial values. */
  perFile: Array<{ pattern: string; match: (path: string) => boolean; values: Partial<PoolValues> }>
  variables: string[]
  /** Option mistakes, reported as findings rather than thrown. */
  problems: Finding[]
}

/**
 * Reads the options: `connection_limit`, `pool_timeout`, `connect_timeout` (numbers), `variables`
 * (extra variable names) and `perFile`, keyed by path, file name or glob, each a query string or a
 * bare number for connection_limit: `{ ".env.production": "connection_limit=5&pool_timeout=30" }`.
 */
export function readPoolOptions(options: Readonly<Record<string, OptionValue>>): PoolOptions {
  const problems: Finding[] = []
  const problem = (message: string): void => void problems.push({ path: 'prod-fix.config.json', line: 1, message: `pool-params options: ${message}` })
  const defaults = {} as PoolValues
  for (const name of POOL_PARAMETERS) {
    const value = options[name]
    defaults[name] = validNumber(name, value) ? value : FALLBACK[name]
    if (value !== undefined && !validNumber(name, value)) problem(`${name} must be ${describeRange(name)}; using ${FALLBACK[name]}`)
  }
  const perFile: PoolOptions['perFile'] = []
  const raw = options.perFile
  if (raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) problem('perFile must be an object keyed by file')
  for (const [pattern, setting] of Object.entries(typeof raw === 'object' && !Array.isArray(raw) ? raw : {})) {
    const values: Partial<PoolValues> = {}
    const pairs: Array<[string, string]> = typeof setting === 'number' ? [['connection_limit', String(setting)]] : String(setting).split('&').filter(Boolean).map((pair) => pair.split('=') as [string, string])
    for (const [name, text] of pairs) {
      const value = Number(text)
      if (!(POOL_PARAMETERS as readonly string[]).includes(name)) problem(`perFile["${pattern}"] names "${name}"; expected ${POOL_PARAMETERS.join(', ')}`)
      else if (!validNumber(name as PoolParameter, value)) problem(`perFile["${pattern}"] ${name} must be ${describeRange(name as PoolParameter)}`)
      else values[name as PoolParameter] = value
    }
    const glob = picomatch(pattern, { dot: true })
    perFile.push({ pattern, match: (path) => path === pattern || posix.basename(path) === pattern || glob(path), values })
  }
  const variables = Array.isArray(options.variables) ? options.variables : []
  return { defaults, perFile, variables, problems }
}

/** The values for one file: defaults, then matching globs and file names, then its exact path. */
export function poolValuesFor(options: PoolOptions, path: string): PoolValues {
  const matching = options.perFile.filter((entry) => entry.match(path))
  const ordered = [...matching.filter((e) => e.pattern !== path), ...matching.filter((e) => e.pattern === path)]
  return Object.assign({ ...options.defaults }, ...ordered.map((e) => e.values)) as PoolValues
}

const FALLBACK: PoolValues = { connection_limit: 10, pool_timeout: 20, connect_timeout: 15 }

function validNumber(name: PoolParameter, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= (name === 'connection_limit' ? 1 : 0)
}

function describeRange(name: PoolParameter): string {
  return name === 'connection_limit' ? 'a whole number of at least 1' : 'a whole number of seconds (0 or more)'
}
