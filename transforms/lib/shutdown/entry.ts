import { posix } from 'node:path'
import type { CallExpression, Node, Program } from '@babel/types'
import { walk } from '../../../src/engine/ast.js'
import type { TransformContext } from '../../../src/types.js'
import { fileSetOf } from '../sorted-files.js'

const SOURCE_EXT = ['.ts', '.mts', '.js', '.mjs', '.cjs', '.cts']
const FALLBACK_STEMS = ['src/index', 'src/main', 'src/server', 'src/app', 'index', 'server', 'main', 'app']
const BUILD_DIRS = /^(?:dist|build|out|lib)\//
const START_SCRIPTS = ['start', 'start:prod', 'serve', 'dev']

/** One deployable package and the file its server starts from. */
export interface Entry {
  packageDir: string
  path: string
}

/**
 * The entry file of each package that uses Prisma: package.json `main` or the file its start
 * script runs (mapped back from `dist/` to the source), else `src/index|main|server|app`.
 */
export function findEntries(ctx: TransformContext): Entry[] {
  const exists = fileSetOf(ctx.files)
  const entries: Entry[] = []
  const packages = readManifests(ctx)
  const manifests = packages.map((p) => p.json)
  for (const { dir, json } of packages) {
    const path = entryOf(dir, json, (p) => exists.has(p), isLibrary(json, manifests))
    if (path) entries.push({ packageDir: dir, path })
  }
  return entries
}

function readManifests(ctx: TransformContext): Array<{ dir: string; json: Record<string, unknown> }> {
  const found: Array<{ dir: string; json: Record<string, unknown> }> = []
  for (const manifest of ctx.files) {
    if (!/(?:^|\/)package\.json$/.test(manifest) || manifest.includes('node_modules/')) continue
    try {
      const json: unknown = JSON.parse(ctx.read(manifest) ?? '')
      if (typeof json === 'object' && json !== null && !Array.isArray(json)) found.push({ dir: posix.dirname(manifest) === '.' ? '' : posix.dirname(manifest), json: json as Record<string, unknown> })
    } catch {
      // An unreadable manifest declares no entry.
    }
  }
  return found
}

/** A package other packages import (it declares `exports`/`types`, or a sibling depends on it) has no server entry of its own. */
function isLibrary(json: Record<string, unknown>, manifests: ReadonlyArray<Record<string, unknown>>): boolean {
  if (json.exports !== undefined || json.types !== undefined || json.typings !== undefined) return true
  const name = json.name
  return typeof name === 'string' && manifests.some((other) => other !== json && ['dependencies', 'devDependencies', 'peerDependencies'].some((key) => {
    const deps = other[key]
    return typeof deps === 'object' && deps !== null && name in deps
  }))
}

function entryOf(dir: string, json: Record<string, unknown>, exists: (path: string) => boolean, library: boolean): string | undefined {
  const scripts = (typeof json.scripts === 'object' && json.scripts !== null ? json.scripts : {}) as Record<string, unknown>
  const declared: string[] = []
  // A library's `main` is what importers load, not a process: only a start script makes it a server.
  if (typeof json.main === 'string' && !library) declared.push(json.main)
  for (const name of START_SCRIPTS) {
    const script = scripts[name]
    if (typeof script !== 'string') continue
    if (/\bnest\s+start\b/.test(script)) declared.push('src/main.ts')
    for (const match of script.matchAll(/(?:^|\s)((?:\.\/)?[\w@./-]+\.(?:[cm]?[jt]s))(?=\s|$|&|;)/g)) declared.push(match[1]!)
  }
  for (const candidate of declared) {
    const found = sourceFor(posix.normalize(posix.join(dir, candidate)), dir, exists)
    if (found) return found
  }
  if (library) return undefined
  for (const stem of FALLBACK_STEMS) {
    const found = SOURCE_EXT.map((ext) => posix.join(dir, stem + ext)).find(exists)
    if (found) return found
  }
  return undefined
}

/** The source file behind a declared path: itself, or `dist/x.js` → `src/x.ts` / `x.ts`. */
function sourceFor(path: string, dir: string, exists: (path: string) => boolean): string | undefined {
  if (exists(path) && !/\.d\.[cm]?ts$/.test(path)) return path
  const relative = dir ? path.slice(dir.length + 1) : path
  const stem = relative.replace(/\.[cm]?[jt]s$/, '')
  const stems = BUILD_DIRS.test(stem) ? [stem.replace(BUILD_DIRS, 'src/'), stem.replace(BUILD_DIRS, ''), stem.replace(/^(?:dist|build|out)\/src\//, 'src/')] : [stem]
  for (const s of stems) {
    const found = SOURCE_EXT.map((ext) => posix.join(dir, s + ext)).find(exists)
    if (found) return found
  }
  return undefined
}

/**
 * Whether the entry runs where Node signals do not exist: Cloudflare Workers (a wrangler config),
 * `export default { fetch }` / `export default app` without a listening server (Workers, Bun),
 * `Deno.serve`, `Bun.serve`.
 */
export function isFetchRuntime(ctx: TransformContext, entry: Entry, program: Program, text: string): boolean {
  const wrangler = ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc']
  if ([entry.packageDir, ''].some((dir) => wrangler.some((name) => ctx.files.includes(dir ? `${dir}/${name}` : name)))) return true
  if (/\b(?:Deno|Bun)\.serve\s*\(/.test(text)) return true
  const startsServer = /\.listen\s*\(|\bserve\s*\(|createServer\s*\(/.test(text)
  return !startsServer && program.body.some((s) => s.type === 'ExportDefaultDeclaration')
}

/** What the entry must close before disconnecting. */
export type ServerHandle =
  | { kind: 'node'; name: string }
  | { kind: 'fastify'; name: string }
  /** `app.listen(…)` whose return value is not kept: bind it to `name` first. */
  | { kind: 'capture'; name: string; call: CallExpression; statementStart: number }

/** The HTTP server the entry holds, or can hold, at top level. */
export function findServer(program: Program, text: string): ServerHandle | undefined {
  const fastify = fastifyInstances(program)
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue
        const init = d.init.type === 'AwaitExpression' ? d.init.argument : d.init
        if (isServerCall(init, fastify)) return { kind: 'node', name: d.id.name }
      }
    }
  }
  for (const name of fastify) if (new RegExp(String.raw`\b${name}\.listen\s*\(`).test(text)) return { kind: 'fastify', name }
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') continue
    const call = statement.expression
    // `serve({ fetch: app.fetch })` (@hono/node-server) returns the http.Server like `app.listen(…)`.
    const isServe = call.callee.type === 'Identifier' && call.callee.name === 'serve' && imports(program, call.callee.name, '@hono/node-server')
    if (!isServe && (call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'listen')) continue
    if (call.callee.type === 'MemberExpression' && call.callee.object.type === 'Identifier' && fastify.has(call.callee.object.name)) continue
    const used = identifiers(program)
    const name = ['server', 'httpServer'].find((n) => !used.has(n))
    if (name) return { kind: 'capture', name, call, statementStart: statement.start! }
  }
  return undefined
}

function isServerCall(node: Node, fastify: ReadonlySet<string>): boolean {
  if (node.type !== 'CallExpression') return false
  const callee = node.callee
  if (callee.type === 'Identifier') return callee.name === 'serve'
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return false
  if (callee.property.name === 'createServer') return true
  // `http.createServer(app).listen(…)` and `app.listen(…)` both return the http.Server.
  return callee.property.name === 'listen' && !(callee.object.type === 'Identifier' && fastify.has(callee.object.name))
}

/** Names bound to `Fastify(…)` / `fastify(…)` at top level. */
function fastifyInstances(program: Program): Set<string> {
  const names = new Set<string>()
  for (const statement of program.body) {
    if (statement.type !== 'VariableDeclaration') continue
    for (const d of statement.declarations) {
      if (d.id.type === 'Identifier' && d.init?.type === 'CallExpression' && d.init.callee.type === 'Identifier' && /^fastify$/i.test(d.init.callee.name)) names.add(d.id.name)
    }
  }
  return names
}

/** Whether the program imports `name` from `source`. */
function imports(program: Program, name: string, source: string): boolean {
  return program.body.some((s) => s.type === 'ImportDeclaration' && s.source.value === source && s.specifiers.some((spec) => spec.local.name === name))
}

function identifiers(program: Program): Set<string> {
  const names = new Set<string>()
  walk(program, (node) => {
    if (node.type === 'Identifier') names.add(node.name)
  })
  return names
}
