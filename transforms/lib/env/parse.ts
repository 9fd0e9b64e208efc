/**
 * A dotenv file read the way the `dotenv` package reads it (its LINE rule: `KEY=value`,
 * `export KEY=value`, `KEY: value`, quoted values that may span lines, `#` comments), but keeping
 * every offset so a transform can edit one value and leave every other byte alone.
 */

export type Quote = '"' | "'" | '`' | ''

interface LineBase {
  /** 1-based line where it starts. */
  line: number
  /** Offset of the first character of the line. */
  start: number
  /** Offset after the last character, before the line break (a multi-line value ends on a later line). */
  end: number
}

/** `KEY=value`: what dotenv would assign, and where the value is written. */
export interface EnvEntry extends LineBase {
  kind: 'entry'
  key: string
  /** The value as dotenv.parse returns it (quotes removed, `\n` expanded in double quotes). */
  value: string
  /** Offsets of the written value: inside the quotes when quoted, trimmed and without a trailing comment when not. */
  valueStart: number
  valueEnd: number
  quote: Quote
}

/** A line dotenv skips or misreads: `KEY` without `=`, an unterminated quote, stray text. */
export interface EnvInvalid extends LineBase {
  kind: 'invalid'
  /** Why it is not a `KEY=value` line; never contains the value. */
  reason: string
  /** The key, when the line starts like an assignment. */
  key?: string
}

export interface EnvBlank extends LineBase {
  kind: 'blank' | 'comment'
}

export type EnvLine = EnvEntry | EnvInvalid | EnvBlank

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/

/** Splits an env file into entries, comments, blanks and invalid lines, with offsets into `text`. */
export function parseEnvLines(text: string): EnvLine[] {
  const lines: EnvLine[] = []
  let offset = 0
  let line = 1
  while (offset < text.length) {
    const end = lineEnd(text, offset)
    const content = text.slice(offset, end)
    const parsed = parseLine(text, offset, end, line, content)
    lines.push(parsed)
    line += countBreaks(text, offset, parsed.end)
    offset = nextLineStart(text, parsed.end)
    line += offset > parsed.end ? 1 : 0
  }
  return lines
}

/** The entries only. */
export function envEntries(lines: readonly EnvLine[]): EnvEntry[] {
  return lines.filter((l): l is EnvEntry => l.kind === 'entry')
}

/** The lines dotenv would not read as `KEY=value`; empty when the file is well-formed. */
export function envProblems(lines: readonly EnvLine[]): EnvInvalid[] {
  return lines.filter((l): l is EnvInvalid => l.kind === 'invalid')
}

/** Keys assigned more than once. dotenv.parse keeps the LAST assignment of a key within one file. */
export function duplicateKeys(lines: readonly EnvLine[]): Map<string, EnvEntry[]> {
  const byKey = new Map<string, EnvEntry[]>()
  for (const entry of envEntries(lines)) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry])
  return new Map([...byKey].filter(([, entries]) => entries.length > 1))
}

/** Whether a path names a dotenv file (`.env`, `.env.production`, `api.env`, `.env-example`), not `.envrc`, `.dev.vars`, `.env-cmdrc` or `.env.d.ts`. */
export function isEnvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/\.(?:[cm]?[jt]sx?|json|md|ya?ml|sh|py|txt|toml|lock)$/i.test(name)) return false
  if (/^\.env[-_](?:example|sample|template|dist|defaults?)$/i.test(name)) return true
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4)
}

/** Whether an env file is meant to be committed: a template (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `example.env`) or a dotenv-vault `.env.vault`. */
export function isEnvTemplate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  return /(?:^|[._-])(?:example|sample|template|dist|defaults?|schema|vault)(?:[._-]|$)/.test(name)
}

function parseLine(text: string, start: number, end: number, line: number, content: string): EnvLine {
  const trimmed = content.trim()
  if (trimmed === '') return { kind: 'blank', line, start, end }
  if (trimmed.startsWith('#')) return { kind: 'comment', line, start, end }
  const match = ASSIGNMENT.exec(content)
  if (!match) return { kind: 'invalid', line, start, end, reason: content.includes('=') ? 'the key is not a valid name' : 'no "=" after the key' }
  const key = match[1]!
  const afterEquals = start + match[0].length
  const first = text[afterEquals]
  if (first === '"' || first === "'" || first === '`') {
    const quoted = readQuoted(text, afterEquals, first)
    if (quoted) return { kind: 'entry', line, start, end: quoted.lineEnd, key, quote: first, valueStart: afterEquals + 1, valueEnd: quoted.close, value: unquote(text.slice(afterEquals + 1, quoted.close), first) }
    // dotenv then reads the rest of the line literally, opening quote included: almost always a typo.
    if (!hasClosingQuoteOnLine(content.slice(match[0].length), first)) return { kind: 'invalid', line, start, end, key, reason: `unterminated ${first === '"' ? 'double' : first === "'" ? 'single' : 'back'} quote` }
  }
  const rest = content.slice(match[0].length)
  const hash = rest.indexOf('#')
  const written = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd()
  return { kind: 'entry', line, start, end, key, quote: '', valueStart: afterEquals, valueEnd: afterEquals + written.length, value: written }
}

/** A quoted value closes at the next unescaped quote, which must end its line (optionally with a comment). */
function readQuoted(text: string, open: number, quote: string): { close: number; lineEnd: number } | undefined {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) {
      i++
      continue
    }
    if (text[i] !== quote) continue
    const lineEndAt = lineEnd(text, i + 1)
    return /^[ \t]*(?:#.*)?$/.test(text.slice(i + 1, lineEndAt)) ? { close: i, lineEnd: lineEndAt } : undefined
  }
  return undefined
}

function hasClosingQuoteOnLine(rest: string, quote: string): boolean {
  return rest.indexOf(quote, 1) !== -1
}

function unquote(raw: string, quote: Quote): string {
  const value = raw.replace(/\r\n?/g, '\n')
  return quote === '"' ? value.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : value
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from)
  const end = newline === -1 ? text.length : newline
  return end > from && text[end - 1] === '\r' ? end - 1 : end
}

function nextLineStart(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2
  if (text[end] === '\n' || text[end] === '\r') return end + 1
  return end
}

function countBreaks(text: string, from: number, to: number): number {
  let breaks = 0
  for (let i = from; i < to; i++) if (text[i] === '\n') breaks++
  return breaks
}
