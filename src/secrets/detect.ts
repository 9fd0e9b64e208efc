/** A secret value found in a file's text. `start`/`end` are offsets of the value itself. */
export interface SecretHit {
  kind: string
  /** The variable or key holding it, when there is one. */
  key?: string
  value: string
  line: number
  start: number
  end: number
}

/** Token formats that are secrets whatever they are called. */
const TOKEN_FORMATS: Array<[kind: string, pattern: RegExp]> = [
  ['private key', /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----[\s\S]+?-----END (?:[A-Z ]+ )?PRIVATE KEY-----/g],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/g],
  ['Stripe key', /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['SendGrid key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g],
  ['OpenAI key', /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/g],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g],
]

/** user:password@ inside any URL. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^:/?#\s'"@]+):([^@\s'"]+)@/gi

/** KEY=value (dotenv, shell), KEY: value (YAML), "key": "value" (JSON), key = 'value' (code). */
const ASSIGNMENT = /(?:^|[\s{,;(])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:)\s*(["'`]?)([^\s"'`,;#]+)\2/gm

const SECRET_NAME = /(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|encryption[_-]?key|access[_-]?key|client[_-]?secret|credential|signing[_-]?key|auth[_-]?key|salt|webhook[_-]?secret|session[_-]?key|master[_-]?key)/i

/** Name parts that make a secret-sounding name a setting: `JWT_EXPIRES_IN`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`. */
const SETTING_PARTS = new Set(['expires', 'expiry', 'expiration', 'expire', 'ttl', 'lifetime', 'duration', 'length', 'min', 'max', 'algorithm', 'alg', 'issuer', 'audience', 'header', 'name', 'file', 'path', 'url', 'uri', 'endpoint', 'type', 'id', 'rounds', 'enabled', 'count', 'version', 'region', 'policy', 'prefix', 'in', 'age', 'timeout', 'cookie', 'field', 'location', 'hint', 'reset', 'strength', 'required', 'pattern', 'regex'])

const PLACEHOLDER = /^(?:|x+|\*+|\.+|-+|<.*>|\[.*\]|\{.*\}|\$\{?.*\}?|%.*%|null|none|undefined|true|false|changeme|change[_-]?me.*|password|passwd|pass|secret|example|sample|test|dummy|placeholder|todo|tbd|fixme|redacted|root|admin|postgres|mysql|user|username|your[_-].*|my[_-].*|replace[_-]?me.*|enter[_-].*|insert[_-].*|put[_-].*|.*[_-]here|.*example.*|.*placeholder.*|process\.env.*|env\(.*)$/i

/** Whether a value is a stand-in rather than a real credential. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim())
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const count of counts.values()) {
    const p = count / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

/** Finds committed secrets: known token formats, URL credentials, and high-entropy values under secret-like names. */
export function detectSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = []
  const lines = lineStarts(text)
  const add = (kind: string, value: string, start: number, key?: string): void => {
    if (hits.some((hit) => start < hit.end && start + value.length > hit.start)) return
    hits.push({ kind, key, value, start, end: start + value.length, line: lineOf(lines, start) })
  }
  for (const [kind, pattern] of TOKEN_FORMATS) {
    for (const match of text.matchAll(pattern)) add(kind, match[0], match.index)
  }
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const password = match[2]!
    if (isPlaceholder(password) || password.length < 4) continue
    add('password in URL', password, match.index + match[0].length - 1 - password.length)
  }
  for (const match of text.matchAll(ASSIGNMENT)) {
    const key = match[1]!
    const value = match[3]!
    if (!SECRET_NAME.test(key) || isPlaceholder(value) || value.includes('://')) continue
    if (value.length < 8 || entropy(value) < 3) continue
    add('secret value', value, match.index + match[0].lastIndexOf(value), key)
  }
  return hits.sort((a, b) => a.start - b.start)
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

/** Whether a variable or key name says it holds a credential (`JWT_SECRET`, `STRIPE_API_KEY`, `DB_PASSWORD`). */
export function isSecretName(name: string): boolean {
  if (!SECRET_NAME.test(name)) return false
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/)
  return !parts.some((part) => SETTING_PARTS.has(part))
}
