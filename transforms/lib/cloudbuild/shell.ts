import type MagicString from 'magic-string'
import type { ArgEdit, DeployKind } from './deploy-flags.js'

/** A shell word: its unquoted value and where its raw text sits in the file. */
export interface ShellToken {
  value: string
  start: number
  end: number
  /** The quote around the whole word, '' when unquoted or mixed. */
  quote: '' | "'" | '"'
}

/** A `gcloud run … deploy` command found in a script. */
export interface GcloudDeploy {
  tokens: ShellToken[]
  /** Index of the first argument after `deploy`. */
  start: number
  kind: DeployKind
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')']

/** Splits text[from, to) into simple commands (words with offsets), honouring quotes, `\` continuations and comments. */
export function shellCommands(text: string, from: number, to: number): ShellToken[][] {
  const commands: ShellToken[][] = []
  let current: ShellToken[] = []
  const flush = (): void => {
    if (current.length > 0) commands.push(current)
    current = []
  }
  let i = from
  while (i < to) {
    const ch = text[i]!
    if (ch === '\\' && text[i + 1] === '\n') {
      i += 2
    } else if (ch === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') {
      i += 3
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++
    } else if (ch === '\n') {
      flush()
      i++
    } else if (ch === '#') {
      while (i < to && text[i] !== '\n') i++
    } else if (OPERATORS.some((op) => text.startsWith(op, i))) {
      flush()
      i += OPERATORS.find((op) => text.startsWith(op, i))!.length
    } else {
      const token = readWord(text, i, to)
      current.push(token)
      i = token.end
    }
  }
  flush()
  return commands
}

function readWord(text: string, start: number, to: number): ShellToken {
  let value = ''
  let i = start
  let segments = 0
  let quote: ShellToken['quote'] = ''
  while (i < to) {
    const ch = text[i]!
    if (ch === "'" || ch === '"') {
      const close = findClosingQuote(text, i, to)
      const inner = text.slice(i + 1, close)
      value += ch === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner
      quote = segments === 0 ? ch : ''
      i = Math.min(close + 1, to)
      segments++
      continue
    }
    if (/[\s;&|()]/.test(ch)) break
    if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const close = findClosing(text, i + 1, to)
      value += text.slice(i, close + 1)
      i = close + 1
    } else if (ch === '\\' && i + 1 < to) {
      value += text[i + 1]
      i += 2
    } else {
      value += ch
      i++
    }
    segments++
    quote = ''
  }
  return { value, start, end: i, quote }
}

function findClosingQuote(text: string, open: number, to: number): number {
  const q = text[open]
  for (let i = open + 1; i < to; i++) {
    if (q === '"' && text[i] === '\\') i++
    else if (text[i] === q) return i
  }
  return to
}

function findClosing(text: string, open: number, to: number): number {
  const pair: Record<string, string> = { '(': ')', '{': '}' }
  const close = pair[text[open]!]!
  let depth = 0
  for (let i = open; i < to; i++) {
    if (text[i] === text[open]) depth++
    else if (text[i] === close && --depth === 0) return i
  }
  return to - 1
}

/** The `gcloud [beta] run deploy …` and `gcloud run jobs deploy|create|update …` commands of a script. */
export function findGcloudDeploys(commands: ShellToken[][]): GcloudDeploy[] {
  const deploys: GcloudDeploy[] = []
  for (const tokens of commands) {
    const at = tokens.findIndex((token) => token.value === 'gcloud' || token.value.endsWith('/gcloud'))
    if (at === -1) continue
    const found = classifyGcloudArgs(tokens.map((token) => token.value), at + 1)
    if (found) deploys.push({ tokens, ...found })
  }
  return deploys
}

/** Reads `[beta|alpha] run deploy` / `run jobs deploy` from gcloud's arguments; undefined when it is not a deploy. */
export function classifyGcloudArgs(args: readonly string[], from: number): { start: number; kind: DeployKind } | undefined {
  let i = from
  const skipGlobal = (): void => {
    while (i < args.length && args[i]!.startsWith('-')) i++
  }
  skipGlobal()
  if (args[i] === 'beta' || args[i] === 'alpha') i++
  skipGlobal()
  if (args[i] !== 'run') return undefined
  i++
  skipGlobal()
  if (args[i] === 'deploy') return { start: i + 1, kind: 'service' }
  if (args[i] === 'jobs' && (args[i + 1] === 'deploy' || args[i + 1] === 'create')) return { start: i + 2, kind: 'job' }
  if (args[i] === 'jobs' && args[i + 1] === 'update') return { start: i + 2, kind: 'job-update' }
  return undefined
}

/** Applies argument edits to a shell command in place; `avoid` is a quote the enclosing YAML scalar cannot hold. */
export function editShellCommand(text: string, edit: MagicString, deploy: GcloudDeploy, edits: ArgEdit[], avoid: "'" | '"' | undefined): void {
  const { tokens } = deploy
  const removed = new Set(edits.flatMap((e) => (e.kind === 'remove' ? [e.index] : [])))
  for (const e of edits) {
    if (e.kind === 'replace') {
      const token = tokens[e.index]!
      edit.overwrite(token.start, token.end, shellWord(e.value, token.quote || undefined, avoid))
    }
  }
  removeTokens(text, edit, tokens, removed)
  const append = edits.find((e) => e.kind === 'append')
  if (!append) return
  const last = [...tokens].reverse().find((_, i) => !removed.has(tokens.length - 1 - i)) ?? tokens.at(-1)!
  const multiline = /\\\r?\n/.test(text.slice(tokens[0]!.start, last.end))
  const groups = groupFlags(append.values).map((group) => group.map((value) => shellWord(value, undefined, avoid)).join(' '))
  if (multiline) {
    const indent = /^[ \t]*/.exec(text.slice(lineStart(text, last.start)))![0]
    edit.appendLeft(last.end, groups.map((group) => ` \\\n${indent}${group}`).join(''))
  } else {
    edit.appendLeft(last.end, ` ${groups.join(' ')}`)
  }
}

// A flag alone on its continuation line disappears with its line; one among others with its leading blank.
function removeTokens(text: string, edit: MagicString, tokens: ShellToken[], removed: Set<number>): void {
  const byLine = new Map<number, number[]>()
  tokens.forEach((token, index) => {
    const start = lineStart(text, token.start)
    byLine.set(start, [...(byLine.get(start) ?? []), index])
  })
  for (const [start, indexes] of byLine) {
    const gone = indexes.filter((index) => removed.has(index))
    if (gone.length === 0) continue
    const end = text.indexOf('\n', start)
    const rest = text.slice(tokens[indexes.at(-1)!]!.end, end === -1 ? text.length : end)
    if (gone.length === indexes.length && /^[ \t]*\\\r?$/.test(rest)) {
      edit.remove(start, end + 1)
      continue
    }
    for (const index of gone) {
      const token = tokens[index]!
      let from = token.start
      while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--
      edit.remove(from, token.end)
    }
  }
}

function groupFlags(values: string[]): string[][] {
  const groups: string[][] = []
  for (const value of values) {
    if (value.startsWith('--') || groups.length === 0) groups.push([value])
    else groups.at(-1)!.push(value)
  }
  return groups
}

/** A value as a shell word, in the given quote when possible, never in the quote the YAML around it forbids. */
function shellWord(value: string, prefer: "'" | '"' | undefined, avoid: "'" | '"' | undefined): string {
  // ${_SUBST} (Cloud Build) and ${{ expr }} (GitHub Actions) are replaced before the shell runs.
  const needs = !/^[A-Za-z0-9_./:=,@%+^-]*(?:(?:\$\{[A-Za-z0-9_]+\}|\$\{\{[^}]*\}\})[A-Za-z0-9_./:=,@%+^-]*)*$/.test(value)
  const quote = prefer && prefer !== avoid ? prefer : needs ? (avoid === '"' ? "'" : '"') : undefined
  if (!quote) return value
  return quote === "'" ? `'${value}'` : `"${value.replace(/(["\\`])/g, '\\$1')}"`
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}
