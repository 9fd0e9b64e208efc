/**
 * Connection strings as text. `new URL()` rejects or rewrites what real env files hold (`${VAR}`
 * interpolation, a raw `@` in a password, `@/db?host=/cloudsql/…`), so URLs are split by the
 * same rule the URL standard uses and edited by splicing, leaving every other character alone.
 */

export type UrlVerdict =
  | { kind: 'pool'; scheme: 'postgresql' | 'mysql' }
  | { kind: 'skip'; reason: string }

/** The parts of `scheme://authority/path?query#fragment`, as offsets into the text. */
interface UrlParts {
  queryStart: number | undefined
  queryEnd: number
  pathEnd: number
  hostPort: string
}

const POOLED_SCHEMES: Record<string, 'postgresql' | 'mysql'> = { postgres: 'postgresql', postgresql: 'postgresql', mysql: 'mysql' }

/** Whether a written value is a PostgreSQL/MySQL URL whose pool Prisma sizes from its parameters, or why not. */
export function classifyDatabaseUrl(raw: string): UrlVerdict {
  const value = raw.trim()
  if (value === '') return { kind: 'skip', reason: 'empty value' }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (!scheme) return { kind: 'skip', reason: 'not a URL (interpolated or computed elsewhere)' }
  if (scheme === 'prisma' || scheme.startsWith('prisma+')) return { kind: 'skip', reason: 'Prisma Accelerate / Postgres URL: the pool is managed by Prisma' }
  if (scheme === 'file' || scheme.startsWith('sqlite')) return { kind: 'skip', reason: 'SQLite has no connection pool' }
  const pooled = POOLED_SCHEMES[scheme]
  if (!pooled || value.slice(scheme.length, scheme.length + 3) !== '://') return { kind: 'skip', reason: `${scheme} URLs take no Prisma pool parameters` }
  if (isPlaceholder(value)) return { kind: 'skip', reason: 'a placeholder, not a real URL' }
  const afterScheme = value.slice(scheme.length + 3)
  const question = afterScheme.indexOf('?')
  // `user:pa?ss@db`: a raw `?` in the password ends the host for every URL parser; editing would bury the parameters in it.
  if (question !== -1 && afterScheme.indexOf('@', question) !== -1) return { kind: 'skip', reason: 'a "?" comes before the "@" (a raw "?" in the password?); percent-encode it as %3F first' }
  return { kind: 'pool', scheme: pooled }
}

/** The query parameter names already present (`connection_limit`, `sslmode`, …). */
export function queryParameterNames(raw: string): string[] {
  const parts = splitUrl(raw)
  if (parts.queryStart === undefined) return []
  return raw
    .slice(parts.queryStart + 1, parts.queryEnd)
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0]!)
}

/**
 * Appends the parameters the URL lacks, in the given order, after the existing query (or as a
 * new one before any fragment). Returns the text unchanged when none is missing.
 */
export function addQueryParameters(raw: string, parameters: ReadonlyArray<readonly [string, string | number]>): { text: string; added: string[] } {
  const present = new Set(queryParameterNames(raw))
  const missing = parameters.filter(([name]) => !present.has(name))
  if (missing.length === 0) return { text: raw, added: [] }
  const addition = missing.map(([name, value]) => `${name}=${value}`).join('&')
  const parts = splitUrl(raw)
  if (parts.queryStart === undefined) {
    // Before: postgresql://u@db:5432/app
    // After:  postgresql://u@db:5432/app?connection_limit=10&…
    return { text: `${raw.slice(0, parts.pathEnd)}?${addition}${raw.slice(parts.pathEnd)}`, added: missing.map(([n]) => n) }
  }
  // Before: postgresql://u@db:5432/app?sslmode=require
  // After:  postgresql://u@db:5432/app?sslmode=require&connection_limit=10&…
  const query = raw.slice(parts.queryStart + 1, parts.queryEnd)
  const separator = query === '' || query.endsWith('&') ? '' : '&'
  return { text: `${raw.slice(0, parts.queryEnd)}${separator}${addition}${raw.slice(parts.queryEnd)}`, added: missing.map(([n]) => n) }
}

/**
 * The URL standard's split, which is also Prisma's: the authority runs from `//` to the first
 * `/`, `?` or `#`; the userinfo ends at the authority's LAST `@` (so a raw `@` in a password
 * stays in the password); the query runs from the next `?` to `#`.
 */
function splitUrl(raw: string): UrlParts {
  const authorityStart = raw.indexOf('//') + 2
  let authorityEnd = authorityStart
  while (authorityEnd < raw.length && !'/?#'.includes(raw[authorityEnd]!)) authorityEnd++
  const authority = raw.slice(authorityStart, authorityEnd)
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const hash = raw.indexOf('#', authorityEnd)
  const end = hash === -1 ? raw.length : hash
  const question = raw.indexOf('?', authorityEnd)
  const queryStart = question !== -1 && question < end ? question : undefined
  return { queryStart, queryEnd: end, pathEnd: queryStart ?? end, hostPort }
}

/** `host:port`, `<password>`, `USER:PASSWORD@HOST:PORT/DB`, `{{db}}`, `...`: documentation, not a URL to tune. */
function isPlaceholder(value: string): boolean {
  if (/[<>]|\{\{|\.\.\.|\s/.test(value)) return true
  const { hostPort } = splitUrl(value)
  // Interpolated hosts and ports (`${DB_HOST:-db}:${DB_PORT}`) are filled in at run time.
  if (hostPort.includes('$')) return false
  // A port is digits; a word there (`host:port`, `:PORT`) is a placeholder.
  const port = /:([^:\]]*)$/.exec(hostPort)?.[1]
  return port !== undefined && port !== '' && !/^\d+$/.test(port)
}
