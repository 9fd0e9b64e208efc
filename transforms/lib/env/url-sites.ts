import { lineLocator } from '../../../src/engine/ast.js'
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar } from 'yaml'
import { duplicateKeys, envEntries, envProblems, parseEnvLines } from './parse.js'

/** Where a variable's value is written in a file: `text.slice(start, end)` is the raw value. */
export interface ValueSite {
  key: string
  line: number
  start: number
  end: number
  /** Compose only: the build context of each service receiving the value (undefined: image-only). */
  contexts?: Array<string | undefined>
}

/** Why a file cannot be edited safely; `keys` are the variables the unreadable part may hold ('*': any). */
export interface ScanProblem {
  line: number
  message: string
  keys: string[]
}

/** The values a file assigns, keys assigned more than once, and the first problem that forbids editing it. */
export interface SiteScan {
  sites: ValueSite[]
  duplicates: Map<string, number[]>
  problem?: ScanProblem
}

/** Every assignment of an env file, as dotenv reads it, and the first line dotenv cannot read. */
export function scanEnvFile(text: string): SiteScan {
  const lines = parseEnvLines(text)
  const sites = envEntries(lines).map((e) => ({ key: e.key, line: e.line, start: e.valueStart, end: e.valueEnd }))
  const duplicates = new Map([...duplicateKeys(lines)].map(([key, entries]) => [key, entries.map((e) => e.line)]))
  const invalid = envProblems(lines)[0]
  const problem = invalid && { line: invalid.line, message: `line ${invalid.line} is not a KEY=value line that dotenv can read (${invalid.reason})`, keys: invalid.key ? [invalid.key] : [] }
  return { sites, duplicates, problem }
}

/**
 * The `environment:` entries of each docker-compose service, in map form (`KEY: value`) and list
 * form (`- KEY=value`), including blocks merged from anchors (`<<: *shared-env`). Each site lists
 * the build contexts of the services that receive it (undefined: an image-only service). Block
 * scalars and values with escapes are left out: their source text is not the value.
 */
export function scanComposeFile(text: string): SiteScan {
  // Compose files are one document, but a stray `---` must not turn a valid file into an error.
  const docs = parseAllDocuments(text)
  const error = Array.isArray(docs) ? docs.flatMap((doc) => doc.errors)[0] : undefined
  if (error) {
    const line = error.linePos?.[0].line ?? 1
    // The message's first line only: the rest is a code frame that would print file content.
    return { sites: [], duplicates: new Map(), problem: { line, message: `not valid YAML (${error.message.split('\n')[0]!.replace(/:$/, '')})`, keys: ['*'] } }
  }
  const sites = new Map<number, ValueSite & { contexts: Array<string | undefined> }>()
  const lineAt = lineLocator(text)
  const add = (site: Omit<ValueSite, 'line'> | undefined, context: string | undefined): void => {
    if (!site) return
    const known = sites.get(site.start)
    if (known) known.contexts.push(context)
    else sites.set(site.start, { ...site, line: lineAt(site.start), contexts: [context] })
  }
  for (const doc of Array.isArray(docs) ? docs : []) {
    const services = doc.get('services', true)
    if (!isMap(services)) continue
    for (const service of services.items) {
      const context = buildContext(doc, service.value)
      const environment = serviceField(doc, service.value, 'environment')
      if (environment) scanEnvironment(doc, text, environment, (site) => add(site, context))
    }
  }
  return { sites: [...sites.values()].sort((a, b) => a.start - b.start), duplicates: new Map() }
}

function scanEnvironment(doc: Document, text: string, node: unknown, add: (site: Omit<ValueSite, 'line'> | undefined) => void): void {
  const block = resolve(doc, node)
  if (isMap(block)) {
    for (const item of block.items) {
      // `<<: *shared-env` merges an anchored block (often an `x-` extension field) into this one.
      if (isScalar(item.key) && item.key.value === '<<') {
        for (const merged of isSeq(item.value) ? item.value.items : [item.value]) scanEnvironment(doc, text, merged, add)
      } else if (isScalar(item.key) && isScalar(item.value)) {
        add(scalarSite(text, item.value, String(item.key.value), 0))
      }
    }
  } else if (isSeq(block)) {
    for (const item of block.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue
      const equals = item.value.indexOf('=')
      if (equals > 0) add(scalarSite(text, item, item.value.slice(0, equals).trim(), equals + 1))
    }
  }
}

/** A service's key, looked up in the service and in the services it merges (`<<: *base`). */
function serviceField(doc: Document, service: unknown, key: string): unknown {
  const body = resolve(doc, service)
  if (!isMap(body)) return undefined
  const own = body.items.find((item) => isScalar(item.key) && item.key.value === key)
  if (own) return own.value
  const merge = body.items.find((item) => isScalar(item.key) && item.key.value === '<<')
  for (const base of merge ? (isSeq(merge.value) ? merge.value.items : [merge.value]) : []) {
    const found = serviceField(doc, base, key)
    if (found !== undefined) return found
  }
  return undefined
}

/** `build: ./api` or `build: { context: ./api }`, as written; undefined for an image-only service. */
function buildContext(doc: Document, service: unknown): string | undefined {
  const build = resolve(doc, serviceField(doc, service, 'build'))
  if (isScalar(build)) return String(build.value)
  if (isMap(build)) {
    const context = resolve(doc, build.items.find((item) => isScalar(item.key) && item.key.value === 'context')?.value)
    return isScalar(context) ? String(context.value) : '.'
  }
  return undefined
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node
}

/** The `url = "…"` literal of each `datasource` block of a Prisma schema (`env("…")` urls are read from env files instead). */
export function scanPrismaSchema(text: string): SiteScan {
  const sites: ValueSite[] = []
  const lineAt = lineLocator(text)
  for (const block of datasourceBlocks(text)) {
    const url = /^[ \t]*url[ \t]*=[ \t]*"([^"\\\n]*)"/m.exec(block.body)
    if (!url) continue
    const start = block.start + url.index + url[0].length - url[1]!.length - 1
    sites.push({ key: 'url', line: lineAt(start), start, end: start + url[1]!.length })
  }
  return { sites, duplicates: new Map() }
}

/** The bodies of `datasource <name> { … }` blocks, comments blanked so they never match. */
export function datasourceBlocks(text: string): Array<{ start: number; body: string }> {
  const blocks: Array<{ start: number; body: string }> = []
  const uncommented = blankComments(text)
  for (const match of uncommented.matchAll(/^[ \t]*datasource[ \t]+\w+[ \t]*\{/gm)) {
    const start = match.index + match[0].length
    const close = uncommented.indexOf('}', start)
    if (close !== -1) blocks.push({ start, body: uncommented.slice(start, close) })
  }
  return blocks
}

/** The schema with `//` comments replaced by spaces (offsets kept); `//` inside a string is not a comment. */
function blankComments(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (inString) {
      if (char === '\\') {
        out += text.slice(i, i + 2)
        i++
        continue
      }
      if (char === '"' || char === '\n') inString = false
    } else if (char === '"') {
      inString = true
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i)
      const stop = end === -1 ? text.length : end
      out += ' '.repeat(stop - i)
      i = stop - 1
      continue
    }
    out += char
  }
  return out
}

function scalarSite(text: string, scalar: Scalar, key: string, skip: number): Omit<ValueSite, 'line'> | undefined {
  if (!scalar.range || !['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'].includes(scalar.type ?? '')) return undefined
  const [from, to] = scalar.range
  const source = text.slice(from, to)
  const quoted = scalar.type !== 'PLAIN'
  const inner = quoted ? source.slice(1, -1) : source
  // Escapes, folded lines or doubled quotes make the source differ from the value: leave those alone.
  if (inner.includes('\n') || inner.includes('\\') || (scalar.type === 'QUOTE_SINGLE' && inner.includes("''"))) return undefined
  const start = from + (quoted ? 1 : 0) + skip
  return { key, start, end: from + (quoted ? 1 : 0) + inner.length }
}
