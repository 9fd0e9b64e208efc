import { posix } from 'node:path'
import type { Expression, Node, Program } from '@babel/types'
import picomatch from 'picomatch'
import type { ParsedFile, TransformContext } from '../../../src/types.js'
import { NON_RUNTIME_FILES } from '../globs.js'
import type { Convention } from './conventions.js'
import { moduleImports, resolveFile, resolveModule } from './resolve.js'
import { fileSetOf } from '../sorted-files.js'

export type LoggerKind = 'pino' | 'winston' | 'bunyan' | 'consola' | 'log4js' | 'nest' | 'custom'

/** A module of the project that exports its logger. */
export interface LoggerModule {
  path: string
  /** The exported name, 'default' for a default export. */
  exportName: string
  /** The name files bind it to. */
  localName: string
  kind: LoggerKind
  methods: ReadonlySet<string>
  /** Directory of the package that owns it, and the package name other workspace packages import it by. */
  packageDir: string
  packageName: string | undefined
  /** How many of the candidate files import it: the project's main logger is the one its code uses. */
  importers: number
}

const LIBRARIES: Readonly<Record<string, LoggerKind>> = { pino: 'pino', winston: 'winston', bunyan: 'bunyan', consola: 'consola', log4js: 'log4js' }

/** The logging libraries a logger module is recognised by. */
export const LOGGER_LIBRARIES: readonly string[] = Object.keys(LIBRARIES)
const METHODS: Readonly<Record<Exclude<LoggerKind, 'custom'>, readonly string[]>> = {
  pino: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  bunyan: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  winston: ['debug', 'verbose', 'info', 'warn', 'error'],
  consola: ['trace', 'debug', 'info', 'log', 'warn', 'error'],
  log4js: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  nest: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
}
const LOGGER_NAME = /^(?:logger|log|appLogger|baseLogger|rootLogger)$/i
/**
 * Text every file that imports or requires one of LOGGER_NAME's names holds (a binding is never
 * preceded by a dot, unlike `console.log`): the others are not parsed to look for one.
 */
const BINDS_LOGGER_NAME = /(?<![\w$.])(?:logger|log|appLogger|baseLogger|rootLogger)\b/i
const IMPORTS = /\bimport\b|\brequire\s*\(/
const mayImportLogger = (text: string): boolean => IMPORTS.test(text) && BINDS_LOGGER_NAME.test(text)
const LOGGER_PATH = /(?:^|\/)(?:loggers?|logging|log)(?:\.[cm]?[jt]s|\/index\.[cm]?[jt]s)$|(?:^|\/)(?:utils?|shared|common|helpers?)\.[cm]?[jt]s$/i
const LOGGER_PACKAGE = /(?:^|[/-])(?:loggers?|logging|log)$/
const HAS_LOGGER = /\b(?:pino|winston|bunyan|consola|log4js|Logger)\b|\blogger\b/

/** How a logger of this kind takes its arguments. */
export function conventionOf(kind: LoggerKind): Convention {
  if (kind === 'pino' || kind === 'bunyan') return 'merge-first'
  if (kind === 'winston') return 'message-first'
  if (kind === 'nest') return 'nest'
  return 'variadic'
}

/** The methods a logger kind offers (for a hand-written logger, the ones it defines). */
export function methodsOf(kind: Exclude<LoggerKind, 'custom'>): ReadonlySet<string> {
  return new Set(METHODS[kind])
}

/**
 * Finds the project's logger modules: files named like one (`lib/logger.ts`, `utils.js`, `logging/index.ts`),
 * files that import a logging library, and the modules the candidate files already import a `logger`
 * from, whatever they are called.
 * Reads only those files, so the cost does not grow with the size of the tree.
 */
export function discoverLoggers(ctx: TransformContext, candidates: readonly string[], libraryFiles: readonly string[] = []): LoggerModule[] {
  const fileSet = fileSetOf(ctx.files)
  const exists = (path: string): boolean => fileSet.has(path)
  const nonRuntime = picomatch(NON_RUNTIME_FILES, { dot: true })
  const named = ctx.files.filter((f) => LOGGER_PATH.test(f) && !/\.d\.[cm]?ts$/.test(f))
  const paths = new Set([...named, ...libraryFiles].filter((f) => !nonRuntime(f)))
  const packages = workspacePackages(ctx)
  for (const name of packages.keys()) {
    if (!LOGGER_PACKAGE.test(name)) continue
    const entry = packageEntry(packages, name, exists)
    if (entry && !nonRuntime(entry)) paths.add(entry)
  }
  const importers = new Map<string, number>()
  for (const path of candidates) {
    const file = mayImportLogger(ctx.read(path) ?? '') ? ctx.parse(path) : undefined
    if (!file) continue
    for (const imported of moduleImports(file.ast.program)) {
      if (!imported.bindings.some((b) => LOGGER_NAME.test(b.local) || LOGGER_NAME.test(b.imported))) continue
      const target = resolveModule(ctx.project, path, imported.specifier, exists) ?? packageEntry(packages, imported.specifier, exists)
      if (!target) continue
      paths.add(target)
      importers.set(target, (importers.get(target) ?? 0) + 1)
    }
  }
  const loggers: LoggerModule[] = []
  for (const path of [...paths].sort()) {
    const text = ctx.read(path)
    if (!text || !HAS_LOGGER.test(text)) continue
    const file = ctx.parse(path)
    const found = file && analyzeLoggerModule(file)
    if (!found) continue
    const pkg = ctx.project.packageOf(path)
    const name = pkg?.json.name
    loggers.push({ ...found, path, packageDir: pkg?.dir ?? '', packageName: typeof name === 'string' ? name : undefined, importers: importers.get(path) ?? 0 })
  }
  return loggers
}

/** The files a logger module loads (transitively, within the repository): they run before the logger exists. */
export function bootstrapFiles(ctx: TransformContext, logger: LoggerModule): Set<string> {
  const fileSet = fileSetOf(ctx.files)
  const seen = new Set<string>()
  const queue: Array<{ path: string; depth: number }> = [{ path: logger.path, depth: 0 }]
  while (queue.length) {
    const { path, depth } = queue.shift()!
    const file = ctx.parse(path)
    if (!file || depth >= 3) continue
    for (const imported of moduleImports(file.ast.program)) {
      const target = resolveModule(ctx.project, path, imported.specifier, (p) => fileSet.has(p))
      if (!target || seen.has(target) || target === logger.path) continue
      seen.add(target)
      queue.push({ path: target, depth: depth + 1 })
    }
  }
  return seen
}

function workspacePackages(ctx: TransformContext): Map<string, string> {
  const byName = new Map<string, string>()
  for (const path of ctx.files) {
    if (path !== 'package.json' && !path.endsWith('/package.json')) continue
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path)
    const name = ctx.project.packageOf(path)?.json.name
    if (typeof name === 'string' && dir) byName.set(name, dir)
  }
  return byName
}

function packageEntry(packages: Map<string, string>, specifier: string, exists: (path: string) => boolean): string | undefined {
  const dir = packages.get(specifier)
  if (!dir) return undefined
  return resolveFile(`${dir}/src/index`, exists) ?? resolveFile(`${dir}/index`, exists) ?? resolveFile(`${dir}/src`, exists)
}

/** The logger a module exports, its kind and methods; undefined when it exports none. */
export function analyzeLoggerModule(file: ParsedFile): Omit<LoggerModule, 'path' | 'packageDir' | 'packageName' | 'importers'> | undefined {
  const program = file.ast.program
  const libraries = libraryBindings(program)
  const bindings = topLevelBindings(program)
  const exported = exportedLogger(program)
  if (!exported) return undefined
  const value = exported.expression ?? (exported.local ? bindings.get(exported.local) : undefined)
  // `export function log(msg)` is a function, not a logger object: `log.info` would not exist.
  if (!value || ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(value.type)) return undefined
  const kind = kindOf(value, libraries, bindings, 0)
  if (kind === 'custom') {
    const methods = methodsOfValue(value, bindings)
    if (!methods.has('error') && !methods.has('info') && !methods.has('log')) return undefined
    return { exportName: exported.name, localName: localNameFor(exported), kind, methods }
  }
  if (!kind) {
    const kinds = new Set(libraries.values())
    if (kinds.size !== 1) return undefined
    const only = [...kinds][0]!
    if (only === 'custom') return undefined
    return { exportName: exported.name, localName: localNameFor(exported), kind: only, methods: methodsOf(only) }
  }
  return { exportName: exported.name, localName: localNameFor(exported), kind, methods: methodsOf(kind) }
}

/** A logger the file makes for itself at top level (`const logger = winston.createLogger(…)`): its name and kind. */
export function localLogger(program: Program): { name: string; kind: LoggerKind; methods: ReadonlySet<string> } | undefined {
  const libraries = libraryBindings(program)
  if (libraries.size === 0) return undefined
  const bindings = topLevelBindings(program)
  for (const [name, init] of bindings) {
    if (!LOGGER_NAME.test(name)) continue
    const kind = kindOf(init, libraries, bindings, 0)
    if (kind && kind !== 'custom') return { name, kind, methods: methodsOf(kind) }
  }
  return undefined
}

function libraryBindings(program: Program): Map<string, LoggerKind> {
  const libraries = new Map<string, LoggerKind>()
  for (const imported of moduleImports(program)) {
    const kind = LIBRARIES[imported.specifier]
    for (const binding of imported.bindings) {
      if (kind) libraries.set(binding.local, kind)
      else if (imported.specifier === '@nestjs/common' && binding.imported === 'Logger') libraries.set(binding.local, 'nest')
    }
  }
  return libraries
}

interface ExportedLogger {
  name: string
  local?: string
  expression?: Node
}

function localNameFor(exported: ExportedLogger): string {
  if (exported.name !== 'default') return exported.name
  return exported.local && LOGGER_NAME.test(exported.local) ? exported.local : 'logger'
}

function exportedLogger(program: Program): ExportedLogger | undefined {
  const found: ExportedLogger[] = []
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration?.type === 'VariableDeclaration') {
        for (const d of statement.declaration.declarations) if (d.id.type === 'Identifier') found.push({ name: d.id.name, expression: d.init ?? undefined })
      }
      if (!statement.source) {
        for (const s of statement.specifiers) {
          if (s.type === 'ExportSpecifier') found.push({ name: s.exported.type === 'Identifier' ? s.exported.name : s.exported.value, local: s.local.name })
        }
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const d = statement.declaration
      if (d.type === 'Identifier') found.push({ name: 'default', local: d.name })
      else if (d.type !== 'FunctionDeclaration' && d.type !== 'TSDeclareFunction') found.push({ name: 'default', expression: d })
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      found.push(...commonJsExports(statement.expression.left, statement.expression.right))
    }
  }
  return found.find((e) => e.name === 'logger')
    ?? found.find((e) => e.name !== 'default' && LOGGER_NAME.test(e.name))
    ?? found.find((e) => e.name === 'default' && (e.local ? LOGGER_NAME.test(e.local) : e.expression?.type !== 'ObjectExpression'))
}

function commonJsExports(left: Node, right: Expression): ExportedLogger[] {
  const isModuleExports = (n: Node): boolean =>
    n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports'
  if (isModuleExports(left)) {
    if (right.type === 'Identifier') return [{ name: 'default', local: right.name }]
    if (right.type !== 'ObjectExpression') return [{ name: 'default', expression: right }]
    return right.properties.flatMap((p) => {
      if (p.type !== 'ObjectProperty' || p.key.type !== 'Identifier') return []
      return [p.value.type === 'Identifier' ? { name: p.key.name, local: p.value.name } : { name: p.key.name, expression: p.value }]
    })
  }
  if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && (isModuleExports(left.object) || (left.object.type === 'Identifier' && left.object.name === 'exports'))) {
    return [{ name: left.property.name, expression: right }]
  }
  return []
}

function topLevelBindings(program: Program): Map<string, Node> {
  const bindings = new Map<string, Node>()
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.init) bindings.set(d.id.name, d.init)
    } else if ((declaration?.type === 'ClassDeclaration' || declaration?.type === 'FunctionDeclaration') && declaration.id) {
      bindings.set(declaration.id.name, declaration)
    }
  }
  return bindings
}

// `pino()`, `winston.createLogger()`, `createLogger()` from winston, `base.child()`, `new Logger()`.
function kindOf(node: Node | undefined, libraries: Map<string, LoggerKind>, bindings: Map<string, Node>, depth: number): LoggerKind | undefined {
  if (!node || depth > 4) return undefined
  switch (node.type) {
    case 'Identifier':
      return libraries.get(node.name) ?? kindOf(bindings.get(node.name), libraries, bindings, depth + 1)
    case 'CallExpression':
    case 'NewExpression': {
      const callee = node.callee
      if (callee.type === 'Identifier') return libraries.get(callee.name) ?? (bindings.get(callee.name)?.type === 'ClassDeclaration' ? 'custom' : undefined)
      if (callee.type === 'MemberExpression') return kindOf(callee.object, libraries, bindings, depth + 1)
      return undefined
    }
    case 'MemberExpression':
      return kindOf(node.object, libraries, bindings, depth + 1)
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return kindOf(node.expression, libraries, bindings, depth + 1)
    case 'ObjectExpression':
    case 'ClassExpression':
      return 'custom'
    default:
      return undefined
  }
}

function methodsOfValue(node: Node | undefined, bindings: Map<string, Node>): Set<string> {
  const methods = new Set<string>()
  let target = node
  if (target?.type === 'Identifier') target = bindings.get(target.name)
  if (target?.type === 'NewExpression' && target.callee.type === 'Identifier') target = bindings.get(target.callee.name)
  if (target?.type === 'ObjectExpression') {
    for (const p of target.properties) if ((p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && p.key.type === 'Identifier') methods.add(p.key.name)
  } else if (target?.type === 'ClassDeclaration' || target?.type === 'ClassExpression') {
    for (const m of target.body.body) {
      if ((m.type === 'ClassMethod' || m.type === 'ClassProperty') && m.key.type === 'Identifier' && !m.static) methods.add(m.key.name)
    }
  }
  return methods
}
