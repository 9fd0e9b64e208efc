import { lineLocator } from '../engine/ast.js'
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

/**
 * How a file's text is read: `env` (KEY=value lines, unquoted values are values), `code`
 * (JS/TS: only string literals are values), `config` (YAML/JSON/TOML), or `any` when the kind is
 * unknown (the redactor's view: every reading at once, erring towards masking).
 */
export type TextKind = 'env' | 'code' | 'config' | 'any'

/** Token formats that are secrets whatever they are called (the gitleaks / detect-secrets rule set, abridged). */
const TOKEN_FORMATS: Array<[kind: string, pattern: RegExp]> = [
  ['private key', /-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----[\s\S]+?-----END (?:[A-Z ]+ )?PRIVATE KEY-----/g],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/g],
  ['Stripe key', /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g],
  ['Stripe webhook secret', /\bwhsec_[A-Za-z0-9]{24,}\b/g],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g],
  ['Slack webhook', /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/g],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['Google OAuth client secret', /\bGOCSPX-[A-Za-z0-9_-]{28}\b/g],
  ['SendGrid key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g],
  ['Anthropic key', /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b/g],
  ['OpenAI key', /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}\b/g],
  ['Twilio key', /\bSK[0-9a-f]{32}\b/g],
  ['Mailgun key', /\bkey-[0-9a-f]{32}\b/g],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['Shopify token', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g],
]

/**
 * Text every token format needs (its literal prefix): a file without any skips all the formats,
 * one scan instead of one per format.
 */
const TOKEN_PREFIX = /-----BEGIN|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|[sr]k_(?:live|test)_|whsec_|xox[abprs]-|hooks\.slack\.com|AIza|GOCSPX-|SG\.|sk-|SK[0-9a-f]|key-|npm_|shp(?:at|ca|pa|ss)_|eyJ/

/** `scheme://` and the authority after it (up to the first `/`, `?`, `#`, blank or quote). */
const URL_AUTHORITY = /\b[a-z][a-z0-9+.-]*:\/\/([^/?#\s'"`<>]+)/gi

/** `KEY=value` at the start of a line (dotenv, shell). */
const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(["'`]?)(.*?)\2[ \t]*(?:#.*)?$/gm

/** `key: value` (YAML), `"key": "value"` (JSON), `key = 'value'` (code, TOML). The value is quoted when `quoted` is set. */
const ASSIGNMENT = /(?:^|[\s{,;(])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:)[ \t]*(?:(["'`])((?:(?!\2)[^\\\n]|\\.)+)\2|()([^\s"'`,;#]+))/gm

/** A word every SECRET_NAME contains: only lines holding one can assign a secret. */
const SECRET_WORD = /secret|pass|pwd|token|key|credential|salt/gi

const SECRET_NAME = /(?:secret|passw(?:or)?d|passwd|pwd|(?:^|[_.-])pass(?:$|[_.-])|token|api[_-]?key|apikey|private[_-]?key|encryption[_-]?key|access[_-]?key|client[_-]?secret|credential|signing[_-]?key|auth[_-]?key|salt|webhook[_-]?secret|session[_-]?key|master[_-]?key)/i

/** Name parts that make a secret-sounding name a setting: `JWT_EXPIRES_IN`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`. */
const SETTING_PARTS = new Set(['expires', 'expiry', 'expiration', 'expire', 'ttl', 'lifetime', 'duration', 'length', 'min', 'max', 'algorithm', 'alg', 'issuer', 'audience', 'header', 'name', 'file', 'path', 'url', 'uri', 'endpoint', 'type', 'id', 'rounds', 'enabled', 'count', 'version', 'region', 'policy', 'prefix', 'in', 'age', 'timeout', 'cookie', 'field', 'location', 'hint', 'reset', 'strength', 'required', 'pattern', 'regex'])

const PLACEHOLDER = /^(?:|x+|\*+|\.+|-+|_+|0+|<.*>|\[.*\]|\{.*\}|\$\{?.*\}?|\$\(.*\)|%.*%|@.*@|__.*__|null|nil|none|undefined|true|false|yes|no|changeme|change[_-]?(?:me|this|it).*|.*change[_-]?in[_-]?prod.*|password\d*|passwd|pass|pwd|secret\d*|(?:super[_-]?)?secret[_-]?(?:key|token|value|password)?\d*|example|sample|test|testing|dummy|placeholder|todo|tbd|fixme|redacted|hidden|root|admin|postgres|mysql|user|username|randompassword|mysecretpassword|(?:dev|development|local|test|demo|default)[_-]?(?:secret|key|token|password|pass)[\w-]*|your[_-].*|my[_-].*|replace[_-]?(?:me|this|with).*|enter[_-].*|insert[_-].*|put[_-].*|add[_-].*|set[_-].*|.*[_-]here|.*example.*|.*placeholder.*|process\.env.*|env\(.*|import\.meta\.env.*)$/i

/** Phrases that make any value a stand-in, wherever they appear (`super-secret-jwt-key-change-me`). */
const PLACEHOLDER_PHRASE = /change[_-]?(?:me|this|it)(?:$|[^a-z])|change[_-]?in[_-]?prod|replace[_-]?(?:me|this|with)|your[_-]|super[_-]?secret|placeholder|example|dummy|not[_-]?a[_-]?real|fake[_-]|xxxx/i

/** Whether a value is a stand-in rather than a real credential (`changeme`, `your-super-secret-key`, `${DB_PASSWORD}`). */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim()
  return PLACEHOLDER.test(trimmed) || PLACEHOLDER_PHRASE.test(trimmed)
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

/** Whether a variable or key name says it holds a credential (`JWT_SECRET`, `STRIPE_API_KEY`, `DB_PASSWORD`). */
export function isSecretName(name: string): boolean {
  if (!SECRET_NAME.test(name)) return false
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/)
  return !parts.some((part) => SETTING_PARTS.has(part))
}

/** The kind of text a path holds, for detectSecrets. */
export function textKindOf(path: string): TextKind {
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/\.(?:[cm]?[jt]sx?)$/i.test(name)) return 'code'
  if (/\.(?:ya?ml|json|toml|ini|properties)$/i.test(name)) return 'config'
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env'
  return 'any'
}

/**
 * Finds committed secrets: known token formats, passwords inside URLs, and values under
 * secret-like names that are neither placeholders nor low-entropy words. `kind` says how to read
 * the text (see TextKind); without it every reading applies, which is what masking wants.
 */
export function detectSecrets(text: string, kind: TextKind = 'any'): SecretHit[] {
  const hits: SecretHit[] = []
  const lineOf = lineLocator(text)
  const add = (hitKind: string, value: string, start: number, key?: string): void => {
    if (hits.some((hit) => start < hit.end && start + value.length > hit.start)) return
    hits.push({ kind: hitKind, key, value, start, end: start + value.length, line: lineOf(start) })
  }
  if (TOKEN_PREFIX.test(text)) {
    for (const [hitKind, pattern] of TOKEN_FORMATS) {
      for (const match of text.matchAll(pattern)) add(hitKind, match[0], match.index, keyBefore(text, match.index))
    }
  }
  for (const match of text.includes('://') ? text.matchAll(URL_AUTHORITY) : []) {
    const password = urlPassword(match[1]!, kind !== 'any')
    if (!password || password.value.length < 4 || isPlaceholder(password.value) || /^\$|^%|^\{\{/.test(password.value)) continue
    add('password in URL', password.value, match.index + match[0].length - match[1]!.length + password.offset, keyBefore(text, match.index))
  }
  if (kind === 'env' || kind === 'any') {
    for (const match of text.matchAll(ENV_LINE)) {
      const [, key, , value] = match as unknown as [string, string, string, string]
      // The redactor (kind 'any') masks every non-placeholder value under a secret name; reports need it to look like one.
      if (!isSecretName(key) || value.length < 6 || isPlaceholder(value) || (kind === 'env' && !looksLikeSecretValue(value, true))) continue
      add('secret value', value, match.index + match[0].lastIndexOf(value), key)
    }
  }
  if (kind !== 'env') {
    // An assignment never spans lines (values stop at a newline), so only lines with a secret word are matched.
    for (const [start, end] of linesMatching(text, SECRET_WORD)) {
      for (const match of text.slice(start, end).matchAll(ASSIGNMENT)) {
        const key = match[1]!
        const quote = match[2] ?? ''
        const value = match[3] ?? match[5]!
        // In code an unquoted right-hand side is an expression (`password = req.body.password`), not a value.
        if ((kind === 'code' && quote === '') || !isSecretName(key) || value.length < 8 || !looksLikeSecretValue(value, false)) continue
        // Outside env files names are looser (`passwordLabel`, `tokenKey`): the value itself must look random.
        if (entropy(value) < 3 || !((/\d/.test(value) && /[A-Za-z]/.test(value)) || (value.length >= 20 && entropy(value) >= 4))) continue
        add('secret value', value, start + match.index + match[0].lastIndexOf(value), key)
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start)
}

/** [start, end) of each line where a global pattern matches, in order, each line once. */
function* linesMatching(text: string, pattern: RegExp): Generator<[number, number]> {
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = text.lastIndexOf('\n', match.index - 1) + 1
    const newline = text.indexOf('\n', match.index)
    const end = newline === -1 ? text.length : newline
    yield [start, end]
    if (end === text.length) return
    pattern.lastIndex = end + 1
  }
}

/**
 * Whether a value under a secret-like name can be a credential: not a placeholder, a reference
 * (`${VAR}`, `jwt-secret:latest`), an email, a path, a URL, a number, or prose; outside env
 * files not a constant name or words either (`TOKEN_EXPIRED`, `mariadb-password`).
 */
function looksLikeSecretValue(value: string, inEnvFile: boolean): boolean {
  if (isPlaceholder(value) || value.includes('://') || /\$\{|\{\{|%\(/.test(value)) return false
  if (!/^[\x21-\x7e]+$/.test(value) || /^\d+(?:\.\d+)?$/.test(value)) return false
  // In code and config a word is a constant or a label; in an env file the word IS the secret.
  if (!inEnvFile && (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[A-Za-z]+(?:[-_. ][A-Za-z]+)*$/.test(value))) return false
  if (/^[\w.-]+:(?:latest|\d+)$/.test(value) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value) || /^\.{0,2}\//.test(value)) return false
  return true
}

/** Hosts of a developer's own machine: a password there is a local default, not a leak. */
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(?::\d+)?$/i

/**
 * The password of `user:password@host`, by the URL standard's rule: the userinfo ends at the
 * authority's LAST `@`, so a raw `@` in a password stays in the password.
 */
function urlPassword(authority: string, skipLocal: boolean): { value: string; offset: number } | undefined {
  const at = authority.lastIndexOf('@')
  if (at === -1) return undefined
  const colon = authority.indexOf(':')
  if (colon === -1 || colon > at || (skipLocal && LOCAL_HOST.test(authority.slice(at + 1)))) return undefined
  return { value: authority.slice(colon + 1, at), offset: colon + 1 }
}

/** The `KEY` of the `KEY=…` / `key: …` the value sits in: the name right before it, else the one starting its line. */
function keyBefore(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  // `--set-env-vars=DATABASE_URL=postgres://…`, `['KEY=value']`: the name right before the value wins.
  const adjacent = /([A-Za-z_][\w]*)[ \t]*[=:][ \t]*["'`]?$/.exec(text.slice(start, offset))?.[1]
  if (adjacent) return adjacent
  return /^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var|readonly|private|public|static)[ \t]+)*["']?([A-Za-z_][\w.-]*)["']?[ \t]*(?::[ \t]*[\w<>[\]|]+[ \t]*)?[=:]/.exec(text.slice(start, offset))?.[1]
}
