import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, ParsedFile, TransformContext } from '../src/types.js'
import { SCRIPT_FILES } from './lib/globs.js'
import { detectQuote, usesSemicolons } from './lib/imports.js'
import { addLoggerDependencies, loggerModuleText, plannedLogger, plannedLoggerPath, type LoggerLibrary } from './lib/logger/create.js'
import { bootstrapFiles, discoverLoggers, LOGGER_LIBRARIES, type LoggerModule } from './lib/logger/discover.js'
import { rewriteFile, type Target } from './lib/logger/rewrite.js'
import { scanFile, type FileScan } from './lib/logger/scan.js'
import { filesUnder } from './lib/sorted-files.js'
import { dependenciesOf, ServerScope } from './lib/logger/scope.js'

export default defineTransform({
  meta: {
    id: 'console-logger',
    title: "Log through the project's structured logger instead of console",
    severity: 'medium',
    audit: { ref: 'console-logger', finding: 'console.log used instead of a structured logger' },
    description:
      "console output has no levels, no structure and no request context, so production logs cannot be filtered or alerted on. " +
      "Rewrites console.log/info/warn/error/debug/trace in server code to the project's logger: the module that exports it " +
      "(winston, pino, bunyan, consola, log4js or a hand-written class), NestJS's Logger (a `logger` field per class), or " +
      "Fastify's request.log / fastify.log; where there is none it creates src/lib/logger.ts with pino (option library: winston) " +
      "and adds the dependency. Arguments follow the logger's convention: the leading string or template stays the message; " +
      "other values become one object named after them — first for pino/bunyan (`log.error({ err }, 'failed')`), after the " +
      "message for winston and Nest; an error alone after a message is passed as winston's meta (winston keeps its message and " +
      "stack) or as Nest's stack (`err.stack`); format strings ('%s') keep their arguments. Leaves alone the logger module and " +
      "what it imports (env validation runs before the logger exists), a console call followed by process.exit(), tests, seeds, " +
      "migrations, scripts and bin files, front-end and Workers code, references such as .then(console.log), and " +
      "console.table/time/group/dir/count/assert. Calls that log passwords, tokens or request bodies are reported.",
    files: SCRIPT_FILES,
    // Files that import a logging library are read too: that is how a logger module nobody imports yet is found.
    contains: ['console.', ...LOGGER_LIBRARIES.flatMap((name) => [`'${name}'`, `"${name}"`])],
    options: { library: 'pino', include: [], exclude: [] },
    example: {
      file: 'src/routes/users.ts',
      before: "console.error('Failed to load user', err)",
      after: "logger.error({ err }, 'Failed to load user')",
    },
  },
  run(ctx) {
    const library: LoggerLibrary = ctx.options.library === 'winston' ? 'winston' : 'pino'
    const globs = (key: string): string[] => (Array.isArray(ctx.options[key]) ? (ctx.options[key] as string[]) : [])
    const scope = new ServerScope(ctx, globs('include'), globs('exclude'))
    const changes: FileChange[] = []
    const findings: Finding[] = []
    const notes: Finding[] = []
    const note = (path: string, message: string): void => void notes.push({ path, line: 1, message })

    const candidates = ctx.candidates()
    const importsLibrary = (text: string): boolean => LOGGER_LIBRARIES.some((name) => text.includes(`'${name}'`) || text.includes(`"${name}"`))
    const libraryFiles = candidates.filter((path) => importsLibrary(ctx.read(path) ?? ''))
    const eligible = candidates.filter((path) => ctx.read(path)?.includes('console.')).filter((path) => {
      const reason = scope.reasonBeforeParse(path)
      if (reason) note(path, `left console calls alone: ${reason}`)
      return !reason
    })
    const loggers = discoverLoggers(ctx, eligible, libraryFiles)
    const leftAlone = new Map<string, string>()
    for (const logger of loggers) {
      leftAlone.set(logger.path, 'the logger module itself')
      for (const path of bootstrapFiles(ctx, logger)) if (!leftAlone.has(path)) leftAlone.set(path, `loaded by the logger module ${logger.path}, so it runs before the logger exists`)
    }
    // One package at a time, so only its files' syntax trees are held at once (every decision below
    // is per package); what each file yields is put back in file order at the end.
    const out = eligible.map(() => ({ parseNotes: [] as Finding[], notes: [] as Finding[], findings: [] as Finding[], changes: [] as FileChange[] }))
    const byPackage = new Map<string, number[]>()
    eligible.forEach((path, index) => {
      const dir = ctx.project.packageOf(path)?.dir ?? ''
      if (!byPackage.has(dir)) byPackage.set(dir, [])
      byPackage.get(dir)!.push(index)
    })
    const created = new Map<string, LoggerModule>()
    for (const indexes of byPackage.values()) {
      const files: Array<{ index: number; file: ParsedFile; scan: FileScan; deps: Set<string> }> = []
      for (const index of indexes) {
        const path = eligible[index]!
        const parseNote = (message: string): void => void out[index]!.parseNotes.push({ path, line: 1, message: `left console calls alone: ${message}` })
        const reason = leftAlone.get(path)
        const file = reason ? undefined : ctx.parse(path)
        if (reason) parseNote(reason)
        if (!file) continue
        const scan = scanFile(file)
        const skip = scope.reasonAfterParse(file, scan.hasJsx) ??
          (scan.bindings.has('console') ? 'the file declares its own `console`' : undefined) ??
          (scan.calls.some((c) => c.inLoggerMethod) ? 'a hand-written logger that writes to console (rewriting it would make it call itself)' : undefined)
        if (skip) parseNote(skip)
        else if (scan.calls.length) files.push({ index, file, scan, deps: dependenciesOf(ctx.project.packageOf(path)) })
      }
      // A new logger and dependency are worth it for real logging, not for a lone "listening on :3000".
      const worthALogger = new Set<string>()
      for (const { file, scan, deps } of files) {
        const target = chooseTarget(ctx, file, deps, loggers, new Map(), library)
        if (target.kind === 'module' && target.create && scan.calls.some((c) => !c.banner && !c.beforeExit)) worthALogger.add(target.logger.packageDir)
      }
      const neighbours = new Neighbours(ctx, files.map((f) => f.file))
      for (const { index, file, scan, deps } of files) {
        const own = out[index]!
        const target = chooseTarget(ctx, file, deps, loggers, created, library)
        if (target.kind === 'module' && target.create && !worthALogger.has(target.logger.packageDir)) {
          own.notes.push({ path: file.path, line: 1, message: 'left console calls alone: only startup messages, not worth adding a logger to the project' })
          continue
        }
        // Neighbours are parsed only when an import of the logger has to choose an alias.
        const result = rewriteFile(ctx, file, scan, target, () => neighbours.of(file.path))
        own.findings.push(...result.findings)
        own.notes.push(...result.notes)
        if (result.after === undefined) continue
        own.changes.push({ path: file.path, before: file.text, after: result.after })
        if (target.kind === 'module' && target.create && !created.has(target.logger.packageDir)) {
          created.set(target.logger.packageDir, target.logger)
          own.changes.push(...createLogger(ctx, target.logger, library, { quote: detectQuote(file), semi: usesSemicolons(file) ? ';' : '' }, own.findings))
        }
      }
    }
    notes.push(...out.flatMap((o) => o.parseNotes), ...out.flatMap((o) => o.notes))
    findings.push(...out.flatMap((o) => o.findings))
    changes.push(...out.flatMap((o) => o.changes))
    return { changes, findings, notes }
  },
})

/**
 * Files of the same package that show how it imports: a tsconfig alias (`@/lib/logger`) or relative
 * paths. Besides the candidates, a few other files are parsed, only in packages that declare `paths`.
 */
class Neighbours {
  private readonly byPackage = new Map<string, ParsedFile[]>()

  constructor(private readonly ctx: TransformContext, private readonly candidates: readonly ParsedFile[]) {}

  of(path: string): ParsedFile[] {
    const dir = this.ctx.project.packageOf(path)?.dir ?? ''
    const known = this.byPackage.get(dir)
    if (known) return known
    const prefix = dir ? `${dir}/` : ''
    const inPackage = (p: string): boolean => p.startsWith(prefix) && (this.ctx.project.packageOf(p)?.dir ?? '') === dir
    const files = this.candidates.filter((f) => inPackage(f.path)).slice(0, 20)
    if (this.ctx.project.tsconfigOf(path)?.paths) {
      const others = filesUnder(this.ctx.files, dir).filter((p) => /\.[cm]?tsx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p) && inPackage(p)).slice(0, 8)
      for (const other of others) {
        const parsed = this.ctx.parse(other)
        if (parsed) files.push(parsed)
      }
    }
    this.byPackage.set(dir, files)
    return files
  }
}

/** Who the calls of a file log through: Nest's Logger, Fastify's request logger, or a logger module. */
function chooseTarget(ctx: TransformContext, file: ParsedFile, deps: Set<string>, loggers: LoggerModule[], created: Map<string, LoggerModule>, library: LoggerLibrary): Target {
  const pkg = ctx.project.packageOf(file.path)
  const packageDir = pkg?.dir ?? ''
  const usable = loggers
    .filter((l) => l.packageDir === packageDir || (l.packageName !== undefined && deps.has(l.packageName)))
    .sort((a, b) => Number(b.packageDir === packageDir) - Number(a.packageDir === packageDir) || b.importers - a.importers || a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path))
  const moduleLogger = usable[0] ?? created.get(packageDir)
  if (deps.has('@nestjs/common') || deps.has('@nestjs/core')) return { kind: 'nest', fallback: moduleLogger }
  if (deps.has('fastify')) return { kind: 'fastify', fallback: moduleLogger }
  if (moduleLogger) return { kind: 'module', logger: moduleLogger, create: false }
  const typescript = /\.[cm]?tsx?$/.test(file.path)
  const path = plannedLoggerPath(ctx, packageDir, typescript)
  const name = pkg?.json.name
  return { kind: 'module', logger: plannedLogger(path, packageDir, typeof name === 'string' ? name : undefined, library), create: true }
}

// Before: no logger module        After: src/lib/logger.ts (+ pino in package.json)
function createLogger(ctx: TransformContext, logger: LoggerModule, library: LoggerLibrary, style: { quote: string; semi: string }, findings: Finding[]): FileChange[] {
  const syntax = /\.[cm]?tsx?$/.test(logger.path) || ctx.project.isEsm(logger.path) ? 'esm' : 'cjs'
  const changes: FileChange[] = [{ path: logger.path, before: null, after: loggerModuleText(library, syntax, style), reason: `create the ${library} logger` }]
  const packageJson = logger.packageDir ? `${logger.packageDir}/package.json` : 'package.json'
  const dependencies = addLoggerDependencies(ctx, packageJson, library)
  if (dependencies) changes.push(dependencies)
  const names = library === 'pino' ? 'pino (and pino-pretty for development)' : 'winston'
  const them = library === 'pino' ? 'them' : 'it'
  const added = dependencies ? `added ${them} to package.json but did not update the lockfile` : `created ${logger.path}, which needs ${them}`
  findings.push({ path: packageJson, line: 1, message: `Install ${names}: prod-fix ${added}.`, severity: 'low' })
  return changes
}
