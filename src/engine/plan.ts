import { posix } from 'node:path'
import { Redactor } from '../secrets/redact.js'
import type { FileChange, Finding, OptionValue, Severity, Transform, TransformMeta } from '../types.js'
import { createContext } from './context.js'
import { firstChangedLine } from './diff.js'
import { isScript, parseScript } from './parse.js'
import { Prefilter, type LookupIndex } from './prefilter.js'
import type { RepoSource } from './source.js'
import { describeSyntaxError, Workspace, type Skip } from './workspace.js'

/** One reviewable fix: everything one transform changes in one file. */
export interface Fix {
  /** Stable id: `<transform>:<path>`. */
  id: string
  transform: TransformMeta
  change: FileChange
  /** 1-based line in the original file where the change starts; 1 for a new file. */
  line: number
}

export interface PlanFinding extends Finding {
  transform: string
  severity: Severity
}

export interface RunError {
  file: string
  message: string
  transform?: string
  stack?: string
}

export interface Plan {
  root: string | undefined
  isGit: boolean
  fixes: Fix[]
  findings: PlanFinding[]
  /** Places deliberately left alone, with why. */
  notes: PlanFinding[]
  errors: RunError[]
  /** Binary, oversized and linked files, each once. */
  skipped: Skip[]
  filesScanned: number
  durationMs: number
  /** Masks every secret value seen in the texts of this plan. */
  redactor: Redactor
}

export interface PlanOptions {
  transforms: readonly Transform[]
  /** Per-transform option overrides, by transform id. */
  options?: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>
  /** Fix ids to leave out (rejected in review): their changes are neither kept nor seen by later transforms. */
  exclude?: ReadonlySet<string>
  maxFileSize?: number
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024

/**
 * Runs the transforms in order over one repository and returns what they propose. Reads, never
 * writes: each transform sees the text as earlier transforms left it (ESLint's fix loop), and a
 * change that would leave a JS/TS file unparsable is dropped and reported.
 */
export async function planFixes(source: RepoSource, options: PlanOptions): Promise<Plan> {
  const started = performance.now()
  const ws = new Workspace(source, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)
  const prefilter = new Prefilter(ws, options.transforms)
  prefilter.scan(ws.files)
  // git lists the untracked files in a second process meanwhile.
  const untracked = await ws.addUntracked()
  prefilter.scan(untracked.files)
  const { candidates, scans, lookups, filesScanned } = prefilter
  const releaseAfter = lastUses(options.transforms, candidates, lookups)
  const fixes: Fix[] = []
  const findings: PlanFinding[] = []
  const notes: PlanFinding[] = []
  const errors: RunError[] = untracked.error ? [{ file: '', message: `could not list the untracked files (git ls-files --others): ${untracked.error}; only tracked files were read` }] : []

  for (const [index, transform] of options.transforms.entries()) {
    const { meta } = transform
    const ctx = createContext(ws, transform, { candidates: candidates.get(meta.id)!, scans: scans.get(meta.id)!, lookups }, { ...meta.options, ...options.options?.[meta.id] })
    let result
    try {
      const failed = prefilter.failures.get(meta.id)
      if (failed) throw failed
      result = transform.run(ctx)
    } catch (error) {
      const err = error as Error
      errors.push({ file: '', transform: meta.id, message: `transform ${meta.id} failed: ${err.message}`, stack: err.stack })
      continue
    }
    const tag = (finding: Finding): PlanFinding => ({ ...finding, transform: meta.id, severity: finding.severity ?? meta.severity })
    findings.push(...(result.findings ?? []).map(tag))
    notes.push(...(result.notes ?? []).map(tag))
    errors.push(...(result.errors ?? []).map((e) => ({ file: e.path, transform: meta.id, message: e.message })))
    for (const change of mergeByFile(result.changes)) {
      const problem = validate(ws, change)
      if (problem) {
        errors.push({ file: change.path, transform: meta.id, message: problem })
        continue
      }
      const id = `${meta.id}:${change.path}`
      if (options.exclude?.has(id)) continue
      if (change.after !== change.before) ws.write(change.path, change.after)
      fixes.push({ id, transform: meta, change, line: firstChangedLine(change.before, change.after) })
    }
    // Memory follows the transforms still to run: texts no later transform wants are let go.
    for (const path of releaseAfter[index] ?? []) ws.release(path)
  }

  for (const failure of ws.parseFailures.values()) errors.push({ file: failure.file, message: `could not parse: ${failure.message}; skipped` })
  const redactor = new Redactor()
  for (const { change } of fixes) {
    redactor.scan(change.before)
    redactor.scan(change.after)
  }
  return {
    root: source.root,
    isGit: ws.listing.isGit,
    fixes,
    findings,
    notes,
    errors,
    skipped: [...ws.skips.values(), ...ws.listing.symlinks.filter((file) => !ws.skips.has(file)).map((file) => ({ file, reason: 'symlink' as const }))],
    filesScanned,
    durationMs: Math.round(performance.now() - started),
    redactor,
  }
}

/** For each transform's position, the files (candidates and lookups) no later transform wants. */
function lastUses(transforms: readonly Transform[], candidates: Map<string, Set<string>>, lookups: LookupIndex): string[][] {
  const last = new Map<string, number>()
  transforms.forEach(({ meta }, index) => {
    for (const path of candidates.get(meta.id)!) last.set(path, index)
    // Files a transform finds by a lookup are parsed by it too: kept until then, not read and parsed twice.
    for (const needle of meta.lookups ?? []) for (const path of lookups.get(needle) ?? []) last.set(path, index)
  })
  const byIndex: string[][] = transforms.map(() => [])
  for (const [path, index] of last) byIndex[index]!.push(path)
  return byIndex
}

/** Two changes of one transform to one file are one fix: the later one applies over the earlier. */
function mergeByFile(changes: FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>()
  for (const change of changes) {
    const earlier = byPath.get(change.path)
    byPath.set(change.path, earlier ? { ...change, before: earlier.before, untrack: earlier.untrack || change.untrack } : change)
  }
  return [...byPath.values()]
}

function validate(ws: Workspace, change: FileChange): string | undefined {
  const { path } = change
  if (path.startsWith('/') || posix.normalize(path) !== path || path.startsWith('../')) return `refused a change to ${path}: outside the repository`
  if ((ws.read(path) ?? null) !== change.before) return `refused a change to ${path}: it was computed from another version of the file`
  if (change.after === change.before && !change.untrack) return `refused an empty change to ${path}`
  if (change.after !== null && isScript(path)) {
    try {
      parseScript(path, change.after)
    } catch (error) {
      return `dropped a change that would not parse (${describeSyntaxError(error)})`
    }
  }
  return undefined
}
