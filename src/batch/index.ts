import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { simpleGit } from 'simple-git'
import { loadConfig } from '../config.js'
import { planFixes } from '../engine/plan.js'
import { diskSource } from '../engine/source.js'
import { gitMessage, maskUrlCredentials } from '../git/repo.js'
import type { Transform } from '../types.js'
import { runWorkflow, type WorkflowOptions, type WorkflowResult } from '../workflow/index.js'
import { mapConcurrent } from './pool.js'
import type { BatchProgress } from './progress.js'
import type { RepoEntry } from './repo-list.js'
import { readState, writeState, type BatchState } from './state.js'
import type { RepoResult, RepoStatus } from './types.js'

export interface BatchOptions {
  /** Where remote repositories are cloned and the resume state is kept. */
  workdir: string
  concurrency: number
  /** Transforms selected by --only/--skip; each repository's own config may disable more. */
  transforms: readonly Transform[]
  /** Plan only (the default without --yes). */
  dryRun: boolean
  /** The single-repository workflow's settings shared by every repository (push, pr, branch…). */
  workflow: Omit<WorkflowOptions, 'root' | 'transforms' | 'transformOptions' | 'ignore' | 'maxFileSize'>
  /** Milliseconds to wait between two pull-request creations. */
  throttleMs: number
}

const DONE: readonly RepoStatus[] = ['committed', 'pushed', 'pr-opened', 'pr-updated', 'no-changes']

/**
 * Runs prod-fix over many repositories with at most `concurrency` at once. Each repository goes
 * through the single-repository code (the planner, or runWorkflow); one failing never stops the
 * others. Repositories a previous run finished, whose base has not moved since, are skipped.
 */
export async function runBatch(entries: readonly RepoEntry[], options: BatchOptions, progress: BatchProgress): Promise<RepoResult[]> {
  mkdirSync(options.workdir, { recursive: true })
  const state = readState(options.workdir)
  const throttle = createThrottle(options.throttleMs)
  const results = await mapConcurrent(entries, options.concurrency, async (entry) => {
    const started = performance.now()
    let result: RepoResult
    try {
      result = await processRepo(entry, options, state, throttle, progress)
    } catch (error) {
      result = failed(entry, maskUrlCredentials(error instanceof Error ? gitMessage(error) : String(error)))
    }
    result.duration_ms = Math.round(performance.now() - started)
    progress.finish(result)
    if (!options.dryRun && !result.resumed) writeState(options.workdir, state)
    return result
  })
  progress.close()
  return results
}

async function processRepo(entry: RepoEntry, options: BatchOptions, state: BatchState, throttle: () => Promise<void>, progress: BatchProgress): Promise<RepoResult> {
  const previous = state.repos[entry.spec]
  const baseRef = entry.branch ?? previous?.baseRef
  const base = options.dryRun ? undefined : await currentBase(entry, baseRef)
  if (previous && base && previous.baseSha === base.sha && DONE.includes(previous.status)) {
    return { ...previous.result, resumed: true }
  }
  const root = entry.remote ? await cloneRepo(entry, options.workdir, previous?.branch, progress) : await prepareLocal(entry)
  const config = loadConfig(root, options.transforms)
  const transforms = options.transforms.filter((t) => !config.disabled.has(t.meta.id))
  progress.step(entry.spec, 'planning')

  if (options.dryRun) {
    const plan = await planFixes(diskSource(root, config.ignore), { transforms, options: config.options, maxFileSize: config.maxFileSize })
    return resultFor(entry, {
      status: plan.fixes.length > 0 ? 'dry-run' : 'no-changes',
      fixes: plan.fixes.length,
      findings: plan.findings.length,
      errors: plan.errors.map((e) => ({ file: e.file, message: plan.redactor.redact(e.message) })),
    })
  }

  if (options.workflow.pr) await throttle()
  const outcome = await runWorkflow(
    {
      ...options.workflow,
      root,
      transforms,
      transformOptions: config.options,
      ignore: config.ignore,
      maxFileSize: config.maxFileSize,
      branch: options.workflow.branch ?? previous?.branch,
    },
    { onStep: (step) => progress.step(entry.spec, step === 'push' ? 'pushing' : step === 'pr' ? 'opening PR' : step === 'commit' ? 'committing' : 'planning') },
  )
  const result = fromWorkflow(entry, outcome)
  if (result.status !== 'failed' && base) state.repos[entry.spec] = { status: result.status, baseRef: base.ref, baseSha: base.sha, branch: outcome.branch ?? previous?.branch, result }
  else delete state.repos[entry.spec]
  return result
}

function fromWorkflow(entry: RepoEntry, outcome: WorkflowResult): RepoResult {
  const redact = (text: string): string => maskUrlCredentials(outcome.redactor.redact(text))
  const applied = outcome.fixes.filter((f) => f.status === 'applied').length
  const status: RepoStatus = outcome.status === 'cancelled' ? 'failed' : outcome.status
  return resultFor(entry, {
    status,
    fixes: applied,
    findings: outcome.plan?.findings.length ?? 0,
    pr: outcome.pr?.url ?? null,
    error: outcome.error ? redact(`${outcome.error.message}${outcome.messages.length ? ` — ${outcome.messages.join(' ')}` : ''}`) : null,
    errors: (outcome.plan?.errors ?? []).map((e) => ({ file: e.file, message: redact(e.message) })),
  })
}

function resultFor(entry: RepoEntry, fields: Partial<RepoResult> & Pick<RepoResult, 'status'>): RepoResult {
  return { repo: entry.spec, fixes: 0, findings: 0, pr: null, error: null, errors: [], resumed: false, duration_ms: 0, ...fields }
}

function failed(entry: RepoEntry, message: string): RepoResult {
  return resultFor(entry, { status: 'failed', error: message })
}

/**
 * The branch the fixes start from and its tip: the listed branch, else the one a previous run
 * started from, else the remote's default branch or the local checkout.
 */
async function currentBase(entry: RepoEntry, ref: string | undefined): Promise<{ ref: string | undefined; sha: string } | undefined> {
  try {
    if (entry.remote) {
      const refs = await simpleGit().listRemote([entry.location, ref ? `refs/heads/${ref}` : 'HEAD'])
      const sha = refs.split(/\s/)[0]
      return sha ? { ref, sha } : undefined
    }
    const git = simpleGit(entry.location)
    const branch = ref ?? (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim()
    return { ref: branch, sha: (await git.revparse([branch])).trim() }
  } catch {
    return undefined
  }
}

/**
 * A fresh shallow clone in the work directory. Every branch tip comes along, so a prod-fix branch
 * pushed by an earlier run is continued (new commits on top) rather than replaced.
 */
async function cloneRepo(entry: RepoEntry, workdir: string, branch: string | undefined, progress: BatchProgress): Promise<string> {
  progress.step(entry.spec, 'cloning')
  const dir = join(workdir, 'repos', slug(entry.spec))
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(workdir, 'repos'), { recursive: true })
  const args = ['--depth', '1', '--no-single-branch', ...(entry.branch ? ['--branch', entry.branch] : [])]
  try {
    await simpleGit().clone(entry.location, dir, args)
  } catch (error) {
    throw new Error(`could not clone ${maskUrlCredentials(entry.location)}: ${gitMessage(error as Error)}`, { cause: error })
  }
  const git = simpleGit(dir)
  if (branch && (await git.branch(['-r'])).all.includes(`origin/${branch}`)) await git.raw(['branch', '--track', branch, `origin/${branch}`])
  return dir
}

/** A local repository is fixed in place; `#branch` is checked out first. */
async function prepareLocal(entry: RepoEntry): Promise<string> {
  const root = resolve(entry.location)
  if (!existsSync(root)) throw new Error(`${entry.location}: no such directory`)
  if (entry.branch) {
    const git = simpleGit(root)
    if ((await git.revparse(['--abbrev-ref', 'HEAD'])).trim() !== entry.branch) await git.raw(['switch', entry.branch])
  }
  return root
}

function slug(spec: string): string {
  return spec.replace(/^[a-z]+:\/\/|\.git(?=#|$)/gi, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100)
}

/** Spaces pull-request creations at least `ms` apart, whatever the concurrency. */
function createThrottle(ms: number): () => Promise<void> {
  let next = 0
  return async () => {
    const now = Date.now()
    const at = Math.max(now, next)
    next = at + ms
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }
}
