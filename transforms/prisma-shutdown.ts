import picomatch from 'picomatch'
import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, ParsedFile, TransformContext } from '../src/types.js'
import { lineAt, walk } from '../src/engine/ast.js'
import { NON_RUNTIME_FILES, SCRIPT_FILES } from './lib/globs.js'
import { resolveImport, specifiersIn } from './lib/imports.js'
import { perRequestDisconnects, reportPerRequest } from './lib/shutdown/per-request.js'
import { usesPrisma } from './lib/health/database-helpers.js'
import { findPrismaSingleton, PRISMA_LOOKUPS } from './lib/prisma.js'
import { accessCall, findDatabaseAccess, importAccess, type DatabaseAccess } from './lib/shutdown/client.js'
import { findEntries, isFetchRuntime, type Entry } from './lib/shutdown/entry.js'
import { addShutdownHandlers } from './lib/shutdown/add-handlers.js'
import { canMerge, mergeHandlers } from './lib/shutdown/merge.js'
import { disconnectOnModuleDestroy, enableShutdownHooks } from './lib/shutdown/nest.js'
import { ensureDisconnect, styleOf } from './lib/shutdown/rewrite.js'
import { disconnects, disconnectsFreshClient, findSignalRegistrations, namedFunctions, type SignalRegistration } from './lib/shutdown/signals.js'
import MagicString from 'magic-string'
import { fileSetOf } from './lib/sorted-files.js'

export default defineTransform({
  meta: {
    id: 'prisma-shutdown',
    title: 'Disconnect Prisma on SIGTERM and SIGINT',
    severity: 'medium',
    audit: { ref: 'prisma-shutdown', finding: 'Incomplete shutdown handlers' },
    description:
      "Cloud Run and Kubernetes send SIGTERM before stopping an instance; handlers that exit without $disconnect() drop in-flight queries and leave connections open until the database times them out. Wires the project's disconnect into one shutdown function for both signals.",
    files: SCRIPT_FILES,
    lookups: PRISMA_LOOKUPS,
    contains: ['SIGTERM', 'SIGINT', '$disconnect'],
    // Request handlers that disconnect the shared client in `finally`: 'report' them as a finding
    // (default: a behaviour change a team should decide on) or 'remove' the statements.
    options: { perRequestDisconnect: 'report' },
    example: {
      file: 'src/index.ts',
      before: "process.on('SIGTERM', () => {\n  // TODO: Close database connections\n  process.exit(0)\n})",
      after: "async function shutdown() {\n  try {\n    await prisma.$disconnect()\n  } catch (error) {\n    console.error('Failed to disconnect from the database', error)\n    process.exit(1)\n  }\n  process.exit(0)\n}\n\nprocess.on('SIGTERM', shutdown)\nprocess.on('SIGINT', shutdown)",
    },
  },
  run(ctx) {
    const changes: FileChange[] = []
    const findings: Finding[] = []
    const notes: Finding[] = []
    if (!usesPrisma(ctx)) return { changes }
    const runtime = picomatch(NON_RUNTIME_FILES, { dot: true })
    const registering = new Map<string, SignalRegistration[]>()
    const disconnecting = new Set<string>()
    const entryList = findEntries(ctx)
    const entries = new Set(entryList.map((e) => e.path))
    for (const path of ctx.candidates()) {
      if (runtime(path)) continue
      const file = ctx.parse(path)
      const registrations = file ? findSignalRegistrations(file.ast.program) : []
      if (file && registrations.length > 0) registering.set(path, registrations)
      if (file?.text.includes('$disconnect')) disconnecting.add(path)
    }
    const perRequest = perRequestDisconnects(ctx, [...disconnecting].filter((path) => !registering.has(path)))
    if (ctx.options.perRequestDisconnect === 'remove') changes.push(...perRequest.map((p) => p.change))
    else findings.push(...reportPerRequest(ctx, perRequest))
    for (const [path, registrations] of registering) {
      const result = fixHandlers(ctx, ctx.parse(path)!, registrations, signalsOfPackage(ctx, path, registering), entries.has(path))
      if (result.change) changes.push(result.change)
      findings.push(...result.findings)
      notes.push(...result.notes)
    }
    for (const entry of entryList) {
      if (runtime(entry.path) || !(packageUsesPrisma(ctx, entry.packageDir) || findPrismaSingleton(ctx, { near: entry.path })?.importFrom)) continue
      const inPackage = [...registering.keys()].filter((path) => samePackage(ctx, path, entry.packageDir))
      if (inPackage.length > 0) {
        findings.push(...duplicateRegistrations(ctx, inPackage, registering))
        continue
      }
      const result = fixEntry(ctx, entry)
      changes.push(...result.changes)
      notes.push(...result.notes)
    }
    return { changes, findings, notes }
  },
})

interface FileResult {
  change?: FileChange
  findings: Finding[]
  notes: Finding[]
}

/** Handlers that exist: make each disconnect, merge per-signal copies, register SIGTERM beside a lone SIGINT. */
function fixHandlers(ctx: TransformContext, file: ParsedFile, registrations: SignalRegistration[], packageSignals: ReadonlySet<string>, isEntry: boolean): FileResult {
  const findings: Finding[] = []
  const notes: Finding[] = []
  const functions = namedFunctions(file.ast.program)
  const usable = registrations.filter((r) => {
    if (!r.target || !disconnectsFreshClient(r.target)) return true
    findings.push({ path: file.path, line: lineAt(file.text, r.statement.start!), message: `the ${r.signal} handler disconnects a PrismaClient it creates itself, not the one the app uses: disconnect the shared client instead` })
    return false
  })
  let needing = [...new Set(usable.filter((r) => r.target && !disconnects(r.target, functions)).map((r) => r.target!))]
  const access = needing.length > 0 ? findDatabaseAccess(ctx, file, 'disconnect') : undefined
  // A process whose file neither uses the database nor says it should close it (a queue worker
  // next to the server) is not this fix's business.
  const ownsDatabase = isEntry || (access !== undefined && bindsAlready(access)) || needing.some((fn) => hasDatabaseTodo(file, fn))
  if (needing.length > 0 && !ownsDatabase) {
    notes.push({ path: file.path, line: lineAt(file.text, usable[0]!.statement.start!), message: 'shutdown handler of a process that does not use the database here: left as it is' })
    needing = []
  }
  const missingTerm = !packageSignals.has('SIGTERM') && usable.some((r) => r.signal === 'SIGINT')
  if (needing.length === 0 && !missingTerm) return { findings, notes }
  if (needing.length > 0 && !access) {
    notes.push({ path: file.path, line: lineAt(file.text, usable[0]!.statement.start!), message: 'shutdown handler does not disconnect, but no Prisma client or disconnect helper was found to call' })
    return { findings, notes }
  }
  const style = styleOf(file)
  const edit = new MagicString(file.text)
  const call = access ? accessCall(access, 'disconnect') : undefined
  if (canMerge(usable, file.text) && (needing.length > 0 || missingTerm)) {
    mergeHandlers(edit, file, usable, call, style, freeName(file, ['shutdown', 'gracefulShutdown', 'shutdownGracefully']))
  } else {
    for (const fn of needing) ensureDisconnect(edit, file, fn, call!, style)
    if (missingTerm) addTermBesideInt(edit, file, usable, style, findings)
  }
  if (access) importAccess(ctx, file, access, edit)
  if (!edit.hasChanged()) return { findings, notes }
  return { change: { path: file.path, before: file.text, after: edit.toString(), reason: 'shutdown handlers disconnect Prisma before exiting' }, findings, notes }
}

// Before: process.on('SIGINT', shutdown)
// After:  process.on('SIGINT', shutdown)
//         process.on('SIGTERM', shutdown)
function addTermBesideInt(edit: MagicString, file: ParsedFile, registrations: SignalRegistration[], style: ReturnType<typeof styleOf>, findings: Finding[]): void {
  const int = registrations.find((r) => r.signal === 'SIGINT')!
  if (int.inline) {
    findings.push({ path: file.path, line: lineAt(file.text, int.statement.start!), message: 'only SIGINT is handled; register the same shutdown for SIGTERM, which Cloud Run and Kubernetes send' })
    return
  }
  const handler = file.text.slice(int.handler.start!, int.handler.end!).replace(/SIGINT/g, 'SIGTERM')
  const lineStart = file.text.lastIndexOf('\n', int.statement.start! - 1) + 1
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0]
  edit.appendLeft(int.statement.end!, `\n${indent}process.${int.method}(${style.quote}SIGTERM${style.quote}, ${handler})${style.semi}`)
}

/** An entry without any handler in its package: Nest hooks, nothing on fetch runtimes, else a shutdown function. */
function fixEntry(ctx: TransformContext, entry: Entry): { changes: FileChange[]; notes: Finding[] } {
  const file = ctx.parse(entry.path)
  if (!file) return { changes: [], notes: [] }
  if (/\bNestFactory\b/.test(file.text)) return { changes: fixNest(ctx, file, entry), notes: [] }
  if (isFetchRuntime(ctx, entry, file.ast.program, file.text)) {
    return { changes: [], notes: [{ path: entry.path, line: 1, message: 'runs on a fetch-handler runtime (Workers, Bun, Deno) without Node signals: no shutdown handler added' }] }
  }
  const access = findDatabaseAccess(ctx, file, 'disconnect')
  if (!access) return { changes: [], notes: [{ path: entry.path, line: 1, message: 'entry has no shutdown handler, but no Prisma client or disconnect helper was found to call' }] }
  const edit = new MagicString(file.text)
  addShutdownHandlers(edit, file, accessCall(access, 'disconnect'), styleOf(file), freeName(file, ['shutdown', 'gracefulShutdown', 'shutdownGracefully']))
  importAccess(ctx, file, access, edit)
  return { changes: [{ path: file.path, before: file.text, after: edit.toString(), reason: 'close the server and disconnect Prisma on SIGTERM/SIGINT' }], notes: [] }
}

function fixNest(ctx: TransformContext, main: ParsedFile, entry: Entry): FileChange[] {
  const changes: FileChange[] = []
  const hooks = enableShutdownHooks(main)
  if (hooks) changes.push(hooks)
  const prefix = entry.packageDir ? `${entry.packageDir}/` : ''
  for (const path of ctx.filesContaining('PrismaClient')) {
    if (!path.startsWith(prefix) || !/\.m?[jt]s$/.test(path) || !/class\s+\w+\s+extends\s+(?:\w+\.)?PrismaClient\b/.test(ctx.read(path) ?? '')) continue
    const service = ctx.parse(path)
    const change = service && disconnectOnModuleDestroy(service)
    if (change) changes.push(change)
  }
  return changes
}

/**
 * Handlers registered as a side effect of a module the entry imports (the singleton's pair, seed
 * 001) run beside the entry's own: the first to call process.exit() cuts the other short.
 * Separate entry points (a server and a worker) registering their own are not duplicates.
 */
function duplicateRegistrations(ctx: TransformContext, paths: string[], registering: ReadonlyMap<string, SignalRegistration[]>): Finding[] {
  const findings: Finding[] = []
  for (const imported of paths) {
    const importer = paths.find((path) => path !== imported && reaches(ctx, path, imported))
    if (!importer) continue
    const first = registering.get(imported)![0]!
    findings.push({ path: imported, line: lineAt(ctx.read(imported) ?? '', first.statement.start!), message: `SIGTERM/SIGINT are also handled in ${importer}, which imports this module: both handlers run and the first process.exit() cuts the other short; keep one set of shutdown handlers` })
  }
  return findings
}

/** Whether `from` imports `target`, directly or through up to three modules in between. */
function reaches(ctx: TransformContext, from: string, target: string): boolean {
  const files = fileSetOf(ctx.files)
  const exists = (path: string): boolean => files.has(path)
  let frontier = [from]
  const seen = new Set(frontier)
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: string[] = []
    for (const path of frontier) {
      for (const specifier of specifiersIn(ctx.read(path) ?? '')) {
        const resolved = resolveImport(ctx.project, path, specifier, exists)
        if (resolved === target) return true
        if (resolved && !seen.has(resolved)) {
          seen.add(resolved)
          next.push(resolved)
        }
      }
    }
    frontier = next
  }
  return false
}

/** Whether the file already binds the client or helper (nothing to import). */
function bindsAlready(access: DatabaseAccess): boolean {
  return access.kind === 'helper' ? !access.needsImport : access.importFrom === undefined
}

/** A TODO or FIXME about the database inside the function. */
function hasDatabaseTodo(file: ParsedFile, fn: SignalRegistration['target']): boolean {
  return (file.ast.comments ?? []).some((c) => c.start! > fn!.start! && c.end! < fn!.end! && /\b(?:TODO|FIXME)\b/.test(c.value) && /\b(?:prisma|database|db|connections?)\b/i.test(c.value))
}

function signalsOfPackage(ctx: TransformContext, path: string, registering: ReadonlyMap<string, SignalRegistration[]>): Set<string> {
  const dir = ctx.project.packageOf(path)?.dir ?? ''
  const signals = new Set<string>()
  for (const [other, registrations] of registering) if (samePackage(ctx, other, dir)) for (const r of registrations) signals.add(r.signal)
  return signals
}

function samePackage(ctx: TransformContext, path: string, dir: string): boolean {
  return (ctx.project.packageOf(path)?.dir ?? '') === dir
}

/** Whether the package depends on Prisma or one of its files uses PrismaClient. */
function packageUsesPrisma(ctx: TransformContext, dir: string): boolean {
  const manifest = ctx.read(dir ? `${dir}/package.json` : 'package.json') ?? ''
  if (/"(?:@prisma\/client|prisma)"\s*:/.test(manifest)) return true
  const prefix = dir ? `${dir}/` : ''
  const inPackage = (path: string): boolean => path.startsWith(prefix) && /\.[cm]?[jt]s$/.test(path) && samePackage(ctx, path, dir)
  return ctx.filesContaining('PrismaClient').some(inPackage) || ctx.filesContaining('@prisma/client').some(inPackage)
}

/** The first name no identifier of the file uses. */
function freeName(file: ParsedFile, names: string[]): string {
  const used = new Set<string>()
  walk(file.ast.program, (node) => {
    if (node.type === 'Identifier') used.add(node.name)
  })
  return names.find((name) => !used.has(name)) ?? `${names[0]}${names.length}`
}
