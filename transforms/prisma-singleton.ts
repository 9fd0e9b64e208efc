import { posix } from 'node:path'
import { defineTransform } from '../src/define-transform.js'
import { lineAt } from '../src/engine/ast.js'
import type { FileChange, Finding, ParsedFile, TransformContext } from '../src/types.js'
import { SCRIPT_FILES } from './lib/globs.js'
import { detectQuote, moduleSyntax, resolveImport, usesSemicolons } from './lib/imports.js'
import { newSingletonPath, singletonSource } from './lib/prisma-singleton/create.js'
import { FileClassifier } from './lib/prisma-singleton/classify.js'
import { rewriteFile, type SingletonImport } from './lib/prisma-singleton/rewrite.js'
import { injectionBlocker, injectService, isGlobalService } from './lib/prisma-singleton/nest.js'
import { judgeConstructions, type StrayClient } from './lib/prisma-singleton/strays.js'
import { findPrismaSingleton, listSingletonCandidates, PRISMA_LOOKUPS, prismaClientSource, singletonSpecifier, type PrismaSingleton } from './lib/prisma.js'
import { filesUnder } from './lib/sorted-files.js'
import { fileSetOf } from './lib/sorted-files.js'

const CONSTRUCTION = /\bnew\s+(?:[\w$]+\s*\.\s*)?PrismaClient\b/

export default defineTransform({
  meta: {
    id: 'prisma-singleton',
    title: 'Use the shared PrismaClient instead of a new one',
    severity: 'high',
    audit: { ref: 'prisma-singleton', finding: 'Duplicate PrismaClient instantiation' },
    description:
      "Every new PrismaClient() opens its own connection pool; a second one in a route doubles the connections and escapes the shutdown logic. Replaces stray clients with an import of the project's singleton (creating one if there is none).",
    files: SCRIPT_FILES,
    lookups: PRISMA_LOOKUPS,
    contains: ['PrismaClient'],
    options: {
      /** Where to create the singleton when a package has none, relative to the package. */
      singletonPath: 'src/lib/prisma.ts',
      /** More globs (besides tests, seeds, migrations and scripts) whose clients are left alone. */
      ignore: [],
    },
    example: {
      file: 'src/routes/reports.ts',
      before: "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()",
      after: "import { prisma } from '../lib/prisma'",
    },
  },
  run(ctx) {
    const run = new SingletonRun(ctx)
    // Modules that export a client come last, so that a singleton created for the strays is known to them.
    const [exporters, others] = partition(ctx.candidates(), (path) => run.exports(path))
    for (const path of others) run.visit(path)
    run.settleOrphans()
    for (const path of exporters) run.visit(path)
    return run.result()
  },
})

/** One run over the candidates: the singleton per package, the rewrites, and the singletons it creates. */
class SingletonRun {
  private readonly changes: FileChange[] = []
  private readonly findings: Finding[] = []
  private readonly notes: Finding[] = []
  private readonly classifier: FileClassifier
  private readonly exporters: Map<string, PrismaSingleton>
  private readonly singletons = new Map<string, PrismaSingleton | undefined>()
  private readonly created = new Map<string, PrismaSingleton>()
  /** Per package: the file that decorates a client onto the Fastify instance. */
  private readonly decorated = new Map<string, string>()
  /** Per package without a singleton: the files whose clients wait for one. */
  private readonly orphans = new Map<string, Array<{ file: ParsedFile; strays: StrayClient[]; clientSource: string | undefined }>>()
  private readonly exists: (path: string) => boolean
  private readonly ignore: readonly string[]

  constructor(private readonly ctx: TransformContext) {
    this.ignore = Array.isArray(ctx.options.ignore) ? ctx.options.ignore : []
    this.classifier = new FileClassifier(ctx, this.ignore)
    this.exporters = new Map(listSingletonCandidates(ctx, ctx.candidates()).map((candidate) => [candidate.path, candidate]))
    const files = fileSetOf(ctx.files)
    this.exists = (path) => files.has(path)
  }

  result(): { changes: FileChange[]; findings: Finding[]; notes: Finding[] } {
    const byPlace = (a: Finding, b: Finding): number => a.path.localeCompare(b.path) || a.line - b.line
    return { changes: this.changes, findings: this.findings.sort(byPlace), notes: this.notes.sort(byPlace) }
  }

  /** Whether the module exports a client of its own (the singleton, or a competitor). */
  exports(path: string): boolean {
    return this.exporters.has(path)
  }

  visit(path: string): void {
    const text = this.ctx.read(path)
    if (text === undefined || !CONSTRUCTION.test(text)) return
    const line = lineAt(text, text.search(CONSTRUCTION))
    if (/\.d\.[cm]?ts$/.test(path)) return this.note(path, line, 'a declaration file: not code that runs')
    const file = this.ctx.parse(path)
    if (!file) return
    const singleton = this.singletonFor(path)
    if (singleton?.path === path) return this.note(path, line, 'the singleton itself')
    const reason = this.classifier.leftAloneReason(path)
    if (reason) return this.note(path, line, reason)

    const clientSource = prismaClientSource(file.ast.program)
    const verdicts = judgeConstructions(file, {
      singleton,
      workers: this.classifier.isWorkers(path),
      clientSource,
      sameClient: sameClient(path, clientSource, singleton),
      injectable: singleton?.kind === 'nest-service' && isGlobalService(this.ctx, singleton),
    })
    const fields = verdicts.flatMap((verdict) => {
      if (verdict.kind !== 'inject') return []
      const blocker = singleton && injectionBlocker(this.ctx, verdict.field.className, path)
      if (!blocker) return [verdict.field]
      this.findings.push({ path, line: lineAt(text, verdict.field.property.start!), message: `${verdict.field.className} creates its own PrismaClient; inject ${singleton!.localName} through the constructor instead (not done automatically: ${blocker})` })
      return []
    })
    if (fields.length > 0 && singleton) {
      const after = injectService(file, fields, singleton, singletonSpecifier(this.ctx, file, singleton, () => this.neighbours(file.path)))
      this.changes.push({ path, before: file.text, after, reason: `injects ${singleton.localName} through the constructor instead of creating a PrismaClient` })
      return
    }
    const strays: StrayClient[] = []
    for (const verdict of verdicts) {
      if (verdict.kind === 'rewrite') strays.push(verdict.stray)
      else if (verdict.kind !== 'inject') (verdict.kind === 'finding' ? this.findings : this.notes).push({ path, line: verdict.line, message: verdict.message })
      if (verdict.kind === 'note' && verdict.decorated) this.decorated.set(this.ctx.project.packageOf(path)?.dir ?? '', path)
    }
    if (strays.length === 0) return
    if (this.exporters.has(path)) {
      // Two competing "singletons": which one should stay is a decision for the team.
      this.findings.push({ path, line, message: `this module exports its own PrismaClient besides the shared one in ${singleton?.path}: make it re-export that one` })
      return
    }
    if (singleton?.kind === 'nest-service') {
      for (const stray of strays) {
        this.findings.push({ path, line: lineAt(text, stray.construction.start!), message: `a second PrismaClient in a NestJS app: inject ${singleton.localName} (${singleton.path}) instead` })
      }
      return
    }
    if (singleton && this.classifier.isEntry(singleton.path)) {
      for (const stray of strays) {
        this.findings.push({ path, line: lineAt(text, stray.construction.start!), message: `the shared client lives in the entry file ${singleton.path}; importing it from here would make an import cycle: move it to its own module (such as src/lib/prisma.ts) and import that` })
      }
      return
    }
    if (singleton) return this.rewrite(file, strays, singleton)
    const packageDir = this.ctx.project.packageOf(path)?.dir ?? ''
    this.orphans.set(packageDir, [...(this.orphans.get(packageDir) ?? []), { file, strays, clientSource }])
  }

  /**
   * Packages without a singleton: one module-level client is already one pool (nothing is
   * duplicated, so nothing moves); several, or a client per call, get a new singleton module.
   */
  settleOrphans(): void {
    for (const [packageDir, orphans] of this.orphans) {
      const strays = orphans.flatMap((orphan) => orphan.strays)
      const decorated = this.decorated.get(packageDir)
      if (decorated) {
        // Fastify code reaches the app's client through the instance; a module import would be a second pool.
        for (const { file, strays: own } of orphans) {
          for (const stray of own) {
            this.findings.push({ path: file.path, line: lineAt(file.text, stray.construction.start!), message: `the app decorates its client onto Fastify in ${decorated}: use fastify.prisma (request.server.prisma in a handler) instead of a new PrismaClient` })
          }
        }
        continue
      }
      if (strays.length === 1 && strays[0]!.scope.type === 'Program') {
        const { file } = orphans[0]!
        this.note(file.path, lineAt(file.text, strays[0]!.construction.start!), 'the only PrismaClient of its package: one connection pool already, nothing to share')
        continue
      }
      const singleton = this.create(orphans[0]!.file, orphans[0]!.clientSource)
      for (const orphan of orphans) this.rewrite(orphan.file, orphan.strays, singleton)
    }
  }

  private rewrite(file: ParsedFile, strays: StrayClient[], singleton: PrismaSingleton): void {
    const syntax = moduleSyntax(file, this.ctx.project)
    const target: SingletonImport = {
      path: singleton.path,
      exportName: singleton.exportName,
      preferredName: singleton.localName,
      specifier: singletonSpecifier(this.ctx, file, singleton, () => this.neighbours(file.path)),
      esModuleDefault: singleton.syntax === 'esm' && singleton.exportName === 'default',
    }
    const resolve = (specifier: string): string | undefined =>
      specifier === singleton.importFrom ? singleton.path : resolveImport(this.ctx.project, file.path, specifier, this.exists)
    const result = rewriteFile(file, strays, target, syntax, resolve)
    for (const finding of result.findings) this.findings.push({ path: file.path, ...finding })
    if (result.after === file.text) return
    const parts = [
      result.replaced.length > 0 && `imports the shared client from ${singleton.importFrom ?? singleton.path} instead of creating a new PrismaClient`,
      result.deleted.length > 0 && `deletes a PrismaClient nothing uses (${result.deleted.join(', ')})`,
      strays.some((stray) => result.replaced.includes(stray.name) && stray.construction.arguments.length > 0) && "its own log/errorFormat options give way to the shared client's",
    ].filter(Boolean)
    this.changes.push({ path: file.path, before: file.text, after: result.after, reason: parts.join('; ') })
  }

  private singletonFor(path: string): PrismaSingleton | undefined {
    const scope = this.ctx.project.packageOf(path)?.dir ?? ''
    if (this.created.has(scope)) return this.created.get(scope)
    if (!this.singletons.has(scope)) this.singletons.set(scope, findPrismaSingleton(this.ctx, { near: path, files: this.ctx.candidates(), ignore: this.ignore }))
    return this.singletons.get(scope)
  }

  // Before: (no singleton in the package)
  // After:  src/lib/prisma.ts with the globalThis cache and environment-dependent log/errorFormat
  private create(stray: ParsedFile, clientSource: string | undefined): PrismaSingleton {
    const packageDir = this.ctx.project.packageOf(stray.path)?.dir ?? ''
    const typescript = /\.[cm]?tsx?$/.test(stray.path)
    const syntax = typescript ? 'esm' : moduleSyntax(stray, this.ctx.project)
    const configured = typeof this.ctx.options.singletonPath === 'string' ? this.ctx.options.singletonPath : 'src/lib/prisma.ts'
    const path = newSingletonPath(packageDir, configured, this.ctx.files, typescript, posix.extname(stray.path))
    const source = clientSource?.startsWith('.') ? relativeFrom(path, posix.join(posix.dirname(stray.path), clientSource)) : clientSource ?? '@prisma/client'
    const text = singletonSource({ typescript, syntax, quote: detectQuote(stray), semicolons: usesSemicolons(stray), clientSource: source })
    this.changes.push({ path, before: null, after: text, reason: 'creates the shared PrismaClient module (one pool per process)' })
    const singleton: PrismaSingleton = { path, kind: 'client', exportName: 'prisma', localName: 'prisma', syntax, packageDir, clientSource: source }
    this.created.set(packageDir, singleton)
    return singleton
  }

  /** Files beside this one: if they import through a tsconfig alias, the new import does too. */
  private neighbours(path: string): ParsedFile[] {
    const dir = posix.dirname(path)
    return filesUnder(this.ctx.files, dir === '.' ? '' : dir)
      .filter((other) => other !== path && posix.dirname(other) === dir && /\.[cm]?[jt]sx?$/.test(other))
      .slice(0, 8)
      .flatMap((other) => this.ctx.parse(other) ?? [])
  }

  private note(path: string, line: number, message: string): void {
    this.notes.push({ path, line, message })
  }
}

/** Whether a file's PrismaClient comes from the generated client the singleton uses. */
function sameClient(path: string, source: string | undefined, singleton: PrismaSingleton | undefined): boolean {
  if (!singleton) return true
  // A workspace database package re-exports the client it builds the singleton from.
  if (source !== undefined && source === singleton.importFrom) return true
  return normalizeSource(path, source) === normalizeSource(singleton.path, singleton.clientSource)
}

function normalizeSource(from: string, source: string | undefined): string {
  if (!source) return '@prisma/client'
  if (!source.startsWith('.')) return source
  return posix.join(posix.dirname(from), source).replace(/(?:\/index)?(?:\.[cm]?[jt]s)?$/, '')
}

function relativeFrom(from: string, target: string): string {
  const relative = posix.relative(posix.dirname(from), target)
  return relative.startsWith('.') ? relative : `./${relative}`
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))]
}
