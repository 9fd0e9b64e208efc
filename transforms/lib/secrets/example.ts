import { detectSecrets, isSecretName } from '../../../src/secrets/detect.js'
import { envEntries, parseEnvLines, type EnvEntry } from '../env/parse.js'

/**
 * The `.env.example` text for a secret env file: the same keys, comments and order, each value
 * a placeholder. With an existing example, only the keys it lacks are appended, as a block.
 */
export function exampleFor(sourcePath: string, source: string, existing: string | undefined): string | undefined {
  const newline = (existing ?? source).includes('\r\n') ? '\r\n' : '\n'
  if (existing === undefined) return templateLines(source, new Set()).join(newline) + newline
  const present = new Set(envEntries(parseEnvLines(existing)).map((entry) => entry.key))
  const missing = templateLines(source, present).filter((line) => /^\s*(?:export\s+)?[\w.-]+\s*[=:]/.test(line))
  if (missing.length === 0) return undefined
  const base = existing === '' || existing.endsWith('\n') ? existing : existing + newline
  const name = sourcePath.slice(sourcePath.lastIndexOf('/') + 1)
  return `${base}${base === '' ? '' : newline}# Also read by the app (from ${name}); set real values locally, never commit them${newline}${missing.join(newline)}${newline}`
}

// Before: DATABASE_URL="postgresql://app:s3cr3t@10.0.0.3:5432/app"   # prod
// After:  DATABASE_URL="postgresql://USER:PASSWORD@HOST:5432/DATABASE"   # prod
function templateLines(source: string, skip: Set<string>): string[] {
  const out: string[] = []
  const seen = new Set(skip)
  for (const line of parseEnvLines(source)) {
    const raw = source.slice(line.start, line.end)
    if (line.kind === 'entry') {
      if (seen.has(line.key)) continue
      seen.add(line.key)
      out.push(source.slice(line.start, line.valueStart) + placeholderFor(line) + scrubComment(source.slice(line.valueEnd, line.end)))
    } else if (line.kind === 'invalid') {
      // A line dotenv cannot read may hold anything: only its key is carried over.
      if (line.key && !seen.has(line.key)) out.push(`${line.key}=`)
      if (line.key) seen.add(line.key)
    } else {
      out.push(line.kind === 'comment' ? scrubComment(raw) : '')
    }
  }
  // The final newline is the caller's to add.
  while (out.length > 0 && out.at(-1) === '') out.pop()
  return out
}

/** A comment keeps its words; any secret in it (a commented-out URL with a password) becomes a placeholder. */
function scrubComment(raw: string): string {
  let text = raw
  for (const hit of detectSecrets(raw).reverse()) text = text.slice(0, hit.start) + (hit.kind === 'password in URL' ? 'PASSWORD' : '') + text.slice(hit.end)
  return text
}

const SAFE_WORDS = /^(?:development|production|staging|test|local|debug|info|warn|warning|error|trace|silent|true|false|on|off|yes|no)$/i

/** A value safe to show in an example: the original when it is plain configuration, else a descriptive stand-in or nothing. */
export function placeholderFor(entry: EnvEntry): string {
  const value = entry.value
  if (value === '') return ''
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?/i.exec(value)
  if (url) {
    const [, scheme, authority, path, query] = url as unknown as [string, string, string, string, string | undefined]
    // An address without credentials is configuration (`http://localhost:5173,https://app.acme.io`), not a secret.
    if (!authority.includes('@') && !/[?&][^=&]*(?:pass|secret|token|key|sig)[^=&]*=/i.test(value) && detectSecrets(value).length === 0) return value
    const port = /:(\d+)$/.exec(authority.slice(authority.lastIndexOf('@') + 1))?.[0] ?? ''
    const keepQuery = query && !/(?:^|[?&])[^=&]*(?:pass|secret|token|key)[^=&]*=/i.test(query) && detectSecrets(query).length === 0 ? query : ''
    const userinfo = authority.includes('@') ? (authority.slice(0, authority.lastIndexOf('@')).includes(':') ? 'USER:PASSWORD@' : 'USER@') : ''
    const database = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|sqlserver|cockroachdb)$/i.test(scheme)
    return `${scheme}://${userinfo}HOST${port}${path && path !== '/' ? (database ? '/DATABASE' : '/PATH') : path}${keepQuery}`
  }
  if (isSecretName(entry.key) || detectSecrets(`${entry.key}=${value}`, 'env').length > 0) return ''
  if (/^\d+(?:\.\d+)?$/.test(value) || SAFE_WORDS.test(value)) return value
  return ''
}
