import { posix } from 'node:path'
import type { Class, Node } from '@babel/types'
import MagicString from 'magic-string'
import type { Finding, ParsedFile, TransformContext } from '../../../src/types.js'
import { addImport, detectQuote, importSpecifier, moduleSyntax, usesSemicolons } from '../imports.js'
import { adaptArguments, CONSOLE_LEVELS, loggerMethod, type Convention } from './conventions.js'
import { conventionOf, localLogger, methodsOf, type LoggerModule } from './discover.js'
import { lineLocator } from '../../../src/engine/ast.js'
import { removeConsoleSuppressions } from './eslint.js'
import { addAfterImports, addLoggerField, existingLoggerField } from './insert.js'
import { moduleImports, resolveModule } from './resolve.js'
import type { ConsoleCall, FileScan } from './scan.js'

/** Who a file's calls log through. `fallback` is the package's logger module, for code outside a class or handler. */
export type Target =
  | { kind: 'module'; logger: LoggerModule; create: boolean }
  | { kind: 'nest'; fallback: LoggerModule | undefined }
  | { kind: 'fastify'; fallback: LoggerModule | undefined }

interface Receiver {
  /** The logger expression; the first call adds the import, field or constant it needs. */
  expression: () => string
  convention: Convention
  methods: ReadonlySet<string>
}

export interface RewriteResult {
  after: string | undefined
  findings: Finding[]
  notes: Finding[]
}

const SENSITIVE = /\w*(?:password|passwd|secret|token|api_?key|authorization|cookie|credential)\w*/i
const REQUEST_PARTS = /\b(?:req|request)\.(?:body|headers)\b/

/** Rewrites the console calls of one file for its target logger; the file's text when nothing changed is `after: undefined`. */
export function rewriteFile(ctx: TransformContext, file: ParsedFile, scan: FileScan, target: Target, neighbours: () => readonly ParsedFile[]): RewriteResult {
  const result: RewriteResult = { after: undefined, findings: [], notes: [] }
  if (scan.calls.length === 0) return result
  const { text } = file
  const edit = new MagicString(text)
  const lineOf = lineLocator(text)
  const quote = detectQuote(file)
  const sensitiveLines: Array<[number, string]> = []
  const receivers = new ReceiverFactory(ctx, file, edit, scan.bindings, neighbours)
  const rewrittenArgs: Array<[number, number]> = []
  const rewrittenPerLine = new Map<number, number>()
  const callsPerLine = new Map<number, number>()
  for (const call of scan.calls) callsPerLine.set(lineOf(call.node.start!), (callsPerLine.get(lineOf(call.node.start!)) ?? 0) + 1)
  const leave = (call: ConsoleCall, why: string): void => void result.notes.push({ path: file.path, line: lineOf(call.node.start!), message: `left console.${call.method} alone: ${why}` })

  for (const call of scan.calls) {
    const { node } = call
    if (rewrittenArgs.some(([from, to]) => node.start! >= from && node.end! <= to)) continue
    if (call.beforeExit) {
      leave(call, 'process.exit() follows, and the line must reach stderr before the process ends')
      continue
    }
    const receiver = receivers.forCall(call, target)
    if (!receiver) {
      leave(call, 'no logger in scope (no request or fastify instance, no logger module)')
      continue
    }
    const method = loggerMethod(call.method, receiver.methods)
    if (!method) {
      leave(call, `the logger has no method for console.${call.method}`)
      continue
    }
    const args = node.arguments
    const adapted = adaptArguments(receiver.convention, { args, text, errorNames: call.errorNames, level: CONSOLE_LEVELS[call.method]!, quote })
    const first = args[0]
    const last = args[args.length - 1]
    if (adapted !== undefined && file.ast.comments?.some((c) => c.start! >= first!.start! && c.end! <= last!.end!)) {
      leave(call, 'comments between its arguments would be lost')
      continue
    }
    // Before: console.error('Failed to load user', err)
    // After:  logger.error({ err }, 'Failed to load user')
    edit.overwrite(node.callee.start!, node.callee.end!, `${receiver.expression()}.${method}`)
    if (adapted !== undefined) {
      replaceArguments(edit, text, args, adapted)
      rewrittenArgs.push([first!.start!, last!.end!])
    }
    const line = lineOf(node.start!)
    rewrittenPerLine.set(line, (rewrittenPerLine.get(line) ?? 0) + 1)
    const sensitive = sensitiveValue(args, text)
    if (sensitive) sensitiveLines.push([line, sensitive])
  }
  if (sensitiveLines.length) {
    const what = [...new Set(sensitiveLines.map(([, w]) => w))].join(', ')
    const lines = sensitiveLines.map(([l]) => l).join(', ')
    result.findings.push({
      path: file.path,
      line: sensitiveLines[0]![0],
      message: `Log calls (line${sensitiveLines.length > 1 ? 's' : ''} ${lines}) write ${what} to the log store in plain text: remove them or redact them (pino's \`redact\` option, a winston format).`,
    })
  }
  if (rewrittenPerLine.size === 0) return result
  const freed = new Set([...rewrittenPerLine].filter(([line, count]) => count === callsPerLine.get(line)).map(([line]) => line))
  const rewritten = [...rewrittenPerLine.values()].reduce((a, b) => a + b, 0)
  removeConsoleSuppressions(edit, text, file.ast.comments ?? [], lineOf, freed, scan.otherConsoleUses > 0 || rewritten < scan.calls.length)
  result.after = edit.toString()
  return result
}

/** Hands out logger expressions for calls, adding the import, field or constant they need the first time. */
class ReceiverFactory {
  private readonly syntax: 'esm' | 'cjs'
  private readonly semi: string
  private readonly moduleNames = new Map<string, string>()
  private readonly fields = new Map<Class, string>()
  private nestClass: string | undefined
  private nestConstant: string | undefined
  /** A logger the file already makes for itself: used as it is, nothing imported. */
  private readonly own: ReturnType<typeof localLogger>

  constructor(private readonly ctx: TransformContext, private readonly file: ParsedFile, private readonly edit: MagicString, private readonly bindings: Set<string>, private readonly neighbours: () => readonly ParsedFile[]) {
    this.syntax = moduleSyntax(file, ctx.project)
    this.semi = usesSemicolons(file) ? ';' : ''
    this.own = localLogger(file.ast.program)
  }

  forCall(call: ConsoleCall, target: Target): Receiver | undefined {
    if (this.own && target.kind !== 'nest') {
      const own = this.own
      return this.lazy(() => own.name, conventionOf(own.kind), own.methods)
    }
    if (target.kind === 'module') return this.module(target.logger)
    if (target.kind === 'nest') {
      const cls = call.thisClass
      if (cls?.id) return this.lazy(() => `this.${this.field(cls as Class & { id: { name: string } })}`, 'nest', methodsOf('nest'))
      return this.lazy(() => this.constant(), 'nest', methodsOf('nest'))
    }
    const param = call.params[0]
    if (param) return this.lazy(() => `${param}.log`, 'merge-first', methodsOf('pino'))
    const instance = this.fastifyInstance(call)
    if (instance) return this.lazy(() => `${instance}.log`, 'merge-first', methodsOf('pino'))
    return target.fallback ? this.module(target.fallback) : undefined
  }

  private lazy(expression: () => string, convention: Convention, methods: ReadonlySet<string>): Receiver {
    return { expression, convention, methods }
  }

  private module(logger: LoggerModule): Receiver {
    return { expression: () => this.moduleName(logger), convention: conventionOf(logger.kind), methods: logger.methods }
  }

  private fastifyInstance(call: ConsoleCall): string | undefined {
    for (const statement of this.file.ast.program.body) {
      if (statement.type !== 'VariableDeclaration' || statement.end! > call.node.start!) continue
      for (const d of statement.declarations) {
        if (d.id.type === 'Identifier' && d.init?.type === 'CallExpression' && d.init.callee.type === 'Identifier' && /^fastify$/i.test(d.init.callee.name)) return d.id.name
      }
    }
    return undefined
  }

  // Before: (no import)        After: import { logger } from '../lib/logger'
  private moduleName(logger: LoggerModule): string {
    const known = this.moduleNames.get(logger.path)
    if (known) return known
    const exists = (path: string): boolean => path === logger.path
    for (const imported of moduleImports(this.file.ast.program)) {
      const target = imported.specifier === logger.packageName ? logger.path : resolveModule(this.ctx.project, this.file.path, imported.specifier, exists)
      if (target !== logger.path) continue
      const binding = imported.bindings.find((b) => b.imported === logger.exportName || (logger.exportName === 'default' && b.imported === '*' && this.syntax === 'cjs'))
      if (binding) {
        this.moduleNames.set(logger.path, binding.local)
        return binding.local
      }
    }
    const name = [logger.localName, 'appLogger', 'log', 'baseLogger'].find((n) => !this.bindings.has(n))!
    this.bindings.add(name)
    const samePackage = this.ctx.project.packageOf(this.file.path)?.dir === logger.packageDir
    const specifier = samePackage || !logger.packageName ? importSpecifier(this.ctx.project, this.file, logger.path, this.neighbours) : logger.packageName
    // A TypeScript module's default export, required from CommonJS, is `require(…).default`.
    const esModuleDefault = this.syntax === 'cjs' && logger.exportName === 'default' && /\.[cm]?tsx?$/.test(logger.path)
    addImport(this.edit, this.file, this.syntax, { name, imported: logger.exportName, specifier, esModuleDefault })
    this.moduleNames.set(logger.path, name)
    return name
  }

  private importedLoggerClass(): string | undefined {
    if (this.nestClass) return this.nestClass
    for (const imported of moduleImports(this.file.ast.program)) {
      const binding = imported.specifier === '@nestjs/common' && imported.bindings.find((b) => b.imported === 'Logger')
      if (binding) return (this.nestClass = binding.local)
    }
    return undefined
  }

  // Before: import { Injectable } from '@nestjs/common'   After: import { Injectable, Logger } from '@nestjs/common'
  private loggerClass(): string {
    const imported = this.importedLoggerClass()
    if (imported) return imported
    const name = this.bindings.has('Logger') ? 'NestLogger' : 'Logger'
    this.bindings.add(name)
    addImport(this.edit, this.file, this.syntax, { name, imported: 'Logger', specifier: '@nestjs/common' })
    return (this.nestClass = name)
  }

  private field(cls: Class & { id: { name: string } }): string {
    const known = this.fields.get(cls)
    if (known) return known
    const imported = this.importedLoggerClass()
    const name = (imported && existingLoggerField(cls, imported)) ?? inheritedLogger(cls, this.file.text) ??
      addLoggerField(this.edit, this.file.text, cls, this.loggerClass(), this.semi, /\.[cm]?tsx?$/.test(this.file.path))
    this.fields.set(cls, name)
    return name
  }

  // Before: (module code, no class)   After: const logger = new Logger('main')
  private constant(): string {
    if (this.nestConstant) return this.nestConstant
    const loggerClass = this.loggerClass()
    const name = ['logger', 'appLogger', 'log'].find((n) => !this.bindings.has(n))!
    this.bindings.add(name)
    const context = posix.basename(this.file.path).replace(/\.[^.]+$/, '')
    addAfterImports(this.edit, this.file.ast.program, this.file.text, `const ${name} = new ${loggerClass}(${detectQuote(this.file)}${context}${detectQuote(this.file)})${this.semi}`)
    return (this.nestConstant = name)
  }
}

// Before: console.error(
//           `Failed for ${id}:`,
//           error,
//         )
// After:  the same layout, each argument replaced in place (or joined with the call's own separator).
function replaceArguments(edit: MagicString, text: string, args: readonly Node[], adapted: readonly string[]): void {
  if (adapted.length === args.length) {
    args.forEach((arg, i) => {
      if (text.slice(arg.start!, arg.end!) !== adapted[i]) edit.overwrite(arg.start!, arg.end!, adapted[i]!)
    })
    return
  }
  const separator = args.length > 1 ? text.slice(args[0]!.end!, args[1]!.start!).replace(/^[^,]*/, '') : ', '
  edit.overwrite(args[0]!.start!, args[args.length - 1]!.end!, adapted.join(separator.startsWith(',') ? separator : ', '))
}

/** `logger` when a subclass already uses `this.logger` from its base class without declaring it. */
function inheritedLogger(cls: Class, text: string): string | undefined {
  if (!cls.superClass) return undefined
  const declares = cls.body.body.some((m) => 'key' in m && m.key.type === 'Identifier' && m.key.name === 'logger')
  return !declares && text.slice(cls.body.start!, cls.body.end!).includes('this.logger.') ? 'logger' : undefined
}

/** The name of a sensitive value a call logs (`password`, `req.body`), or undefined; string literals are only the message. */
function sensitiveValue(args: readonly Node[], text: string): string | undefined {
  for (const arg of args) {
    if (arg.type === 'StringLiteral') continue
    const parts = arg.type === 'TemplateLiteral' ? arg.expressions : [arg]
    for (const part of parts) {
      const source = text.slice(part.start!, part.end!).replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '')
      const request = REQUEST_PARTS.exec(source)
      if (request) return request[0]
      const secret = SENSITIVE.exec(source)
      if (secret) return secret[0]
    }
  }
  return undefined
}
