import { posix } from 'node:path'
import type { CallExpression, ClassDeclaration, Identifier, NewExpression, Node, Program, Statement, StringLiteral } from '@babel/types'
import picomatch from 'picomatch'
import { walk } from '../../src/engine/ast.js'
import type { ParsedFile, TransformContext } from '../../src/types.js'
import { NON_RUNTIME_FILES } from './globs.js'
import { importSpecifier, resolveImport, specifiersIn } from './imports.js'
import { fileSetOf } from './sorted-files.js'

/** `new PrismaClient(…)` (also `new prisma.PrismaClient(…)`), or `super(…)` in a class extending PrismaClient (NestJS PrismaService). */
export function isPrismaConstruction(node: Node, ancestors: readonly Node[]): node is NewExpression | CallExpression {
  if (node.type === 'NewExpression') return isPrismaClientName(node.callee)
  if (node.type !== 'CallExpression' || node.callee.type !== 'Super') return false
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i]!
    if (ancestor.type === 'ClassDeclaration' || ancestor.type === 'ClassExpression') return ancestor.superClass != null && isPrismaClientName(ancestor.superClass)
  }
  return false
}

function isPrismaClientName(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'PrismaClient'
  return node.type === 'MemberExpression' && node.property.type === 'Identifier' && node.property.name === 'PrismaClient'
}

/**
 * The module that creates and exports a project's shared Prisma client.
 * `kind: 'client'` exports an instance to import; `kind: 'nest-service'` is a NestJS class
 * extending PrismaClient (`PrismaService`) to inject through a constructor, never to import as a value.
 */
export interface PrismaSingleton {
  /** Repo-relative path of the module. */
  path: string
  kind: 'client' | 'nest-service'
  /** The export to import: 'default', or the exported name (the class name for a NestJS service). */
  exportName: string
  /** The name the module gives the client (`prisma`, `db`, `prismaClient`): the natural local name for importers. */
  localName: string
  /** How the module exports: ESM (`export`) or CommonJS (`module.exports`/`exports.x`). */
  syntax: 'esm' | 'cjs'
  /** Directory of the package.json the module belongs to ('' for the root): the deployable unit it serves. */
  packageDir: string
  /** Where PrismaClient comes from in the module (`@prisma/client`, a custom output, a workspace package). */
  clientSource: string | undefined
  /**
   * Set when the module lives in a workspace package that the asking file's package depends on
   * (`packages/db`): import it by that package's name (`@acme/db`), not by a path across packages.
   */
  importFrom?: string
}

export interface SingletonQuery {
  /** A file whose singleton is wanted: the search stays inside that file's package (never across separately deployed apps). */
  near?: string
  /**
   * Files that may hold the singleton. Default: the repository's scripts whose text contains
   * `PrismaClient` (pass `ctx.candidates()` when the transform's prefilter is `PrismaClient`, to avoid reading more).
   */
  files?: readonly string[]
  /** More globs whose modules are never the singleton (besides tests, seeds and scripts). */
  ignore?: readonly string[]
}

const SINGLETON_FILE_NAME = /(?:^|\/)(?:prisma|prismaClient|prisma-client|prisma\.service|db|database|client|dbClient)\.[cm]?[jt]sx?$/i
const SINGLETON_DIR = /(?:^|\/)(?:lib|libs|utils|util|server|db|database|config|prisma|services|common|core|shared)\//

/**
 * What the Prisma transforms and their helpers find files by (ctx.filesContaining): the client,
 * its package, a disconnect or raw query in a helper, Fastify's `decorate('prisma', …)`.
 */
export const PRISMA_LOOKUPS = ['PrismaClient', '@prisma/client', '$disconnect', '$queryRaw', '$executeRaw', 'decorate']

/**
 * Finds the project's Prisma singleton module however it is written (globalThis cache, default
 * or named export, `db` name, CommonJS exports, NestJS PrismaService). Among several candidates
 * the one most imported wins (then file name and location). Returns undefined when there is none.
 */
export function findPrismaSingleton(ctx: TransformContext, query: SingletonQuery = {}): PrismaSingleton | undefined {
  const ignored = query.ignore?.length ? picomatch([...query.ignore], { dot: true }) : () => false
  // A test helper or a seed that exports a client is never the app's singleton.
  const all = listSingletonCandidates(ctx, query.files).filter((candidate) => !isNonRuntimeFile(ctx, candidate.path) && !ignored(candidate.path))
  const scope = query.near === undefined ? undefined : packageDirOf(ctx, query.near)
  const inScope = all.filter((candidate) => scope === undefined || candidate.packageDir === scope)
  if (inScope.length === 0 && query.near !== undefined) return fromWorkspaceDependency(ctx, query.near, all)
  if (inScope.length <= 1) return inScope[0]
  const exists = fileSet(ctx)
  const ranked = inScope.map((candidate) => ({ candidate, score: singletonScore(ctx, candidate, exists) }))
  ranked.sort((a, b) => b.score - a.score || a.candidate.path.localeCompare(b.candidate.path))
  return ranked[0]!.candidate
}

const PRISMA_FOLDER = '**/prisma/**/*.{ts,js,mjs,cjs}'
const matchNonRuntime = picomatch(NON_RUNTIME_FILES, { dot: true })
const inPrismaFolder = picomatch(PRISMA_FOLDER, { dot: true })
const schemaFolders = new WeakMap<readonly string[], Set<string>>()

/**
 * Whether a file is a test, seed, migration or script, where a second client is intended
 * (NON_RUNTIME_FILES). A `prisma/` folder counts only where it holds a schema or migrations:
 * NestJS keeps its runtime `src/prisma/prisma.service.ts` in a folder of that name.
 */
export function isNonRuntimeFile(ctx: TransformContext, path: string): boolean {
  if (matchNonRuntime(path)) return true
  if (!inPrismaFolder(path)) return false
  let folders = schemaFolders.get(ctx.files)
  if (!folders) {
    folders = new Set(ctx.files.flatMap((file) => {
      const match = /^(.*?(?:^|\/)prisma)\/(?:.*\.prisma$|migrations\/)/.exec(file)
      return match ? [match[1]!] : []
    }))
    schemaFolders.set(ctx.files, folders)
  }
  for (let at = path.indexOf('prisma/'); at !== -1; at = path.indexOf('prisma/', at + 1)) {
    if ((at === 0 || path[at - 1] === '/') && folders.has(path.slice(0, at + 'prisma'.length))) return true
  }
  return false
}

/** The singleton of a workspace package (`packages/db`) that the file's package depends on, when that package's entry exports it. */
function fromWorkspaceDependency(ctx: TransformContext, near: string, all: readonly PrismaSingleton[]): PrismaSingleton | undefined {
  const own = ctx.project.packageOf(near)
  const dependencies = new Set(['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => Object.keys((own?.json[key] as object | undefined) ?? {})))
  const exists = fileSet(ctx)
  for (const candidate of all) {
    if (candidate.kind !== 'client' || candidate.exportName === 'default') continue
    const pkg = ctx.project.packageOf(candidate.path)
    const name = pkg?.json.name
    if (!pkg || typeof name !== 'string' || !dependencies.has(name)) continue
    const entry = packageEntry(pkg.dir, pkg.json, exists)
    if (entry && (entry === candidate.path || reExports(ctx, entry, candidate, exists))) return { ...candidate, importFrom: name }
  }
  return undefined
}

/** The source file behind a package's entry point (`exports['.']`, `main`), mapping `dist/*.js` back to `src/*.ts`. */
function packageEntry(dir: string, json: Record<string, unknown>, exists: (path: string) => boolean): string | undefined {
  const declared: string[] = []
  const collect = (value: unknown): void => {
    if (typeof value === 'string') declared.push(value)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  const exportsField = json.exports
  collect(exportsField && typeof exportsField === 'object' && '.' in exportsField ? (exportsField as Record<string, unknown>)['.'] : exportsField)
  collect(json.main)
  collect(json.module)
  declared.push('src/index.ts', 'index.ts', 'src/index.js', 'index.js')
  for (const entry of declared) {
    const base = posix.normalize(posix.join(dir, entry))
    const source = base.replace(/(^|\/)(?:dist|build|lib|out)\//, '$1src/').replace(/\.d\.ts$|\.[cm]?js$/, '.ts')
    const found = [base, source, source.replace(/\.ts$/, '.js')].find(exists)
    if (found) return found
  }
  return undefined
}

/** Whether the entry re-exports the singleton's export under the same name (`export * from './client'`, `export { prisma } from …`). */
function reExports(ctx: TransformContext, entry: string, candidate: PrismaSingleton, exists: (path: string) => boolean): boolean {
  const file = ctx.parse(entry)
  if (!file) return false
  return file.ast.program.body.some((statement) => {
    if ((statement.type !== 'ExportAllDeclaration' && statement.type !== 'ExportNamedDeclaration') || !statement.source) return false
    if (resolveImport(ctx.project, entry, statement.source.value, exists) !== candidate.path) return false
    if (statement.type === 'ExportAllDeclaration') return statement.exportKind !== 'type'
    return statement.specifiers.some((s) => s.type === 'ExportSpecifier' && importedName(s.local) === candidate.exportName && importedName(s.exported) === candidate.exportName)
  })
}

/** The specifier `from` imports the singleton with: the workspace package's name, else a path (alias or relative, see importSpecifier). */
export function singletonSpecifier(ctx: TransformContext, from: ParsedFile, singleton: PrismaSingleton, neighbours: () => readonly ParsedFile[] = () => []): string {
  return singleton.importFrom ?? importSpecifier(ctx.project, from, singleton.path, neighbours)
}

/** Every module that exports a Prisma client instance or a class extending PrismaClient, sorted by path. */
export function listSingletonCandidates(ctx: TransformContext, files?: readonly string[]): PrismaSingleton[] {
  if (files) return collectSingletonCandidates(ctx, files)
  // Callers ask once per file they fix; the tree does not change during one transform's run.
  let all = treeCandidates.get(ctx)
  if (!all) {
    all = collectSingletonCandidates(ctx, ctx.filesContaining('PrismaClient'))
    treeCandidates.set(ctx, all)
  }
  return [...all]
}

const treeCandidates = new WeakMap<TransformContext, PrismaSingleton[]>()

function collectSingletonCandidates(ctx: TransformContext, paths: readonly string[]): PrismaSingleton[] {
  const found: PrismaSingleton[] = []
  for (const path of paths) {
    if (/\.d\.[cm]?ts$/.test(path) || /(?:^|\/)(?:node_modules|generated|dist|build)\//.test(path)) continue
    const file = ctx.parse(path)
    if (!file) continue
    const exported = exportedClient(file.ast.program)
    const clientSource = prismaClientSource(file.ast.program)
    // `@prisma/client/extension` and `/runtime` export helper types, not a client that connects.
    if (exported && !/^@prisma\/client\/(?:extension|runtime)/.test(clientSource ?? '')) found.push({ path, packageDir: packageDirOf(ctx, path), clientSource, ...exported })
  }
  return found.sort((a, b) => a.path.localeCompare(b.path))
}

/** The module specifier PrismaClient is imported or required from in a program. */
export function prismaClientSource(program: Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.specifiers.some((s) => s.type === 'ImportSpecifier' && importedName(s.imported) === 'PrismaClient')) return statement.source.value
      // `import pkg from '@prisma/client'; const { PrismaClient } = pkg` (CommonJS interop).
      if (statement.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier') && statement.source.value.startsWith('@prisma/client')) return statement.source.value
    }
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init = declarator.init
        if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'StringLiteral') continue
        const source = init.arguments[0].value
        if (declarator.id.type === 'ObjectPattern' && declarator.id.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'PrismaClient')) return source
      }
    }
  }
  return undefined
}

function importedName(node: Identifier | StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value
}

function packageDirOf(ctx: TransformContext, path: string): string {
  return ctx.project.packageOf(path)?.dir ?? ''
}

function fileSet(ctx: TransformContext): (path: string) => boolean {
  const files = fileSetOf(ctx.files)
  return (path) => files.has(path)
}

/** Importers count most; a conventional name or folder and the globalThis cache break ties. */
function singletonScore(ctx: TransformContext, candidate: PrismaSingleton, exists: (path: string) => boolean): number {
  let score = 0
  if (SINGLETON_FILE_NAME.test(candidate.path)) score += 3
  if (SINGLETON_DIR.test(candidate.path)) score += 2
  const stem = posix.basename(candidate.path).replace(/\.[^.]+$/, '')
  const needle = stem === 'index' ? posix.basename(posix.dirname(candidate.path)) : stem
  const prefix = candidate.packageDir ? `${candidate.packageDir}/` : ''
  for (const path of ctx.files) {
    if (path === candidate.path || !path.startsWith(prefix) || !/\.[cm]?[jt]sx?$/.test(path) || isNonRuntimeFile(ctx, path)) continue
    const text = ctx.read(path)
    if (!text?.includes(needle)) continue
    if (specifiersIn(text).some((specifier) => resolveImport(ctx.project, path, specifier, exists) === candidate.path)) score += 10
  }
  return score
}

type ExportedClient = Pick<PrismaSingleton, 'kind' | 'exportName' | 'localName' | 'syntax'>

/** What a module exports that is a Prisma client (or a PrismaService class), preferring a named export. */
function exportedClient(program: Program): ExportedClient | undefined {
  const clients = clientBindings(program)
  const exports: ExportedClient[] = []
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      const declaration = statement.declaration
      if (declaration?.type === 'VariableDeclaration') {
        for (const d of declaration.declarations) if (d.id.type === 'Identifier' && clients.has(d.id.name)) exports.push({ kind: 'client', exportName: d.id.name, localName: d.id.name, syntax: 'esm' })
      } else if (declaration?.type === 'ClassDeclaration' && declaration.id && extendsPrismaClient(declaration)) {
        exports.push({ kind: 'nest-service', exportName: declaration.id.name, localName: declaration.id.name, syntax: 'esm' })
      }
      for (const s of statement.specifiers) {
        if (s.type === 'ExportSpecifier' && clients.has(s.local.name)) exports.push({ kind: 'client', exportName: importedName(s.exported), localName: s.local.name, syntax: 'esm' })
      }
    }
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration
      if (declaration.type === 'Identifier' && clients.has(declaration.name)) exports.push({ kind: 'client', exportName: 'default', localName: declaration.name, syntax: 'esm' })
      else if (declaration.type === 'ClassDeclaration' && extendsPrismaClient(declaration)) exports.push({ kind: 'nest-service', exportName: 'default', localName: declaration.id?.name ?? 'PrismaService', syntax: 'esm' })
      else if (isClientExpression(declaration, clients)) exports.push({ kind: 'client', exportName: 'default', localName: 'prisma', syntax: 'esm' })
    }
    exports.push(...commonJsExports(statement, clients))
  }
  return exports.find((e) => e.exportName !== 'default') ?? exports[0]
}

// module.exports = prisma | module.exports = { prisma } | module.exports.prisma = prisma | exports.db = prisma
function commonJsExports(statement: Statement, clients: ReadonlySet<string>): ExportedClient[] {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return []
  const { left, right } = statement.expression
  if (left.type !== 'MemberExpression') return []
  const isModuleExports = left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports'
  if (isModuleExports) {
    if (right.type === 'Identifier' && clients.has(right.name)) return [{ kind: 'client', exportName: 'default', localName: right.name, syntax: 'cjs' }]
    if (right.type === 'ObjectExpression') {
      return right.properties.flatMap((p): ExportedClient[] => {
        if (p.type !== 'ObjectProperty' || p.key.type !== 'Identifier' || p.value.type !== 'Identifier' || !clients.has(p.value.name)) return []
        return [{ kind: 'client', exportName: p.key.name, localName: p.value.name, syntax: 'cjs' }]
      })
    }
    if (isClientExpression(right, clients)) return [{ kind: 'client', exportName: 'default', localName: 'prisma', syntax: 'cjs' }]
    return []
  }
  const target = left.object
  const onExports = (target.type === 'Identifier' && target.name === 'exports') ||
    (target.type === 'MemberExpression' && target.object.type === 'Identifier' && target.object.name === 'module' && target.property.type === 'Identifier' && target.property.name === 'exports')
  if (!onExports || left.property.type !== 'Identifier') return []
  if (!(right.type === 'Identifier' ? clients.has(right.name) : isClientExpression(right, clients))) return []
  return [{ kind: 'client', exportName: left.property.name, localName: right.type === 'Identifier' ? right.name : left.property.name, syntax: 'cjs' }]
}

function extendsPrismaClient(declaration: ClassDeclaration): boolean {
  return declaration.superClass != null && isPrismaClientName(declaration.superClass)
}

/**
 * Top-level names bound to a Prisma client: initialised or assigned (even inside top-level `if`
 * blocks) with an expression that constructs one, directly, through a factory function of the
 * module, through another client binding (`new Proxy(basePrisma, …)`) or through the global cache.
 */
function clientBindings(program: Program): Set<string> {
  const factories = new Set<string>()
  const values = new Map<string, Node[]>()
  const add = (name: string, value: Node): void => {
    values.set(name, [...(values.get(name) ?? []), value])
  }
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement
    if (declaration?.type === 'FunctionDeclaration' && declaration.id && constructsClient(declaration)) factories.add(declaration.id.name)
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue
      if ((d.init.type === 'ArrowFunctionExpression' || d.init.type === 'FunctionExpression')) {
        if (constructsClient(d.init)) factories.add(d.id.name)
      } else {
        add(d.id.name, d.init)
      }
    }
  }
  // Assignments in top-level code (the `let prisma; if (production) prisma = new PrismaClient() …` pattern).
  let constructsAtTopLevel = false
  for (const statement of program.body) {
    walk(statement, (node, ancestors) => {
      if (isFunctionNode(node) || node.type === 'ClassBody') return false
      if (isPrismaConstruction(node, ancestors)) constructsAtTopLevel = true
      if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') add(node.left.name, node.right)
      return undefined
    })
  }
  const clients = new Set<string>()
  for (let changed = true; changed;) {
    changed = false
    for (const [name, inits] of values) {
      if (clients.has(name)) continue
      if (inits.some((init) => isClientExpression(init, clients, factories, constructsAtTopLevel))) {
        clients.add(name)
        changed = true
      }
    }
  }
  return clients
}

function isClientExpression(node: Node, clients: ReadonlySet<string>, factories: ReadonlySet<string> = new Set(), globalCache = false): boolean {
  let found = false
  walk(node, (child, ancestors) => {
    if (found || isFunctionNode(child)) return false
    const constructs: boolean = isPrismaConstruction(child, ancestors)
    if (constructs) found = true
    else if (child.type === 'Identifier' && clients.has(child.name)) found = true
    else if (child.type === 'CallExpression' && child.callee.type === 'Identifier' && factories.has(child.callee.name)) found = true
    else if (globalCache && child.type === 'MemberExpression' && child.object.type === 'Identifier' && /^global/i.test(child.object.name)) found = true
    return undefined
  })
  return found
}

function constructsClient(fn: Node): boolean {
  let found = false
  walk(fn, (node, ancestors) => {
    if (found) return false
    if (isPrismaConstruction(node, ancestors)) found = true
    return undefined
  })
  return found
}

/** Whether a node starts a new function scope. */
export function isFunctionNode(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod'
}
