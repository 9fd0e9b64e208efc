import type { SimpleGit } from 'simple-git'
import type { Fix } from '../engine/plan.js'
import { planFixes } from '../engine/plan.js'
import { diskSource } from '../engine/source.js'
import { createBranch, deleteBranch, firstExistingRef, restoreFiles, snapshotFiles, switchBranch, trackRemoteBranch } from '../git/commit.js'
import { remoteUrl } from '../git/remote.js'
import { assertBranchName, assertReady, branchExists, gitMessage, inspectRepo, maskUrlCredentials, openGit } from '../git/repo.js'
import { preparePullRequest, type PullRequestTarget } from '../pr/index.js'
import { PromptCancelled } from '../prompts/index.js'
import { Redactor } from '../secrets/redact.js'
import { revertFixes, verifyApply } from '../verify/apply.js'
import { CommitFailure, commitGroups, groupByTransform, type CommitProgress } from './commit-fixes.js'
import { decideFixes } from './decide.js'
import { guardInterrupts, Interrupted } from './interrupt.js'
import { failureAdvice, publishFailureAdvice } from './messages.js'
import { pushAndOpen } from './publish.js'
import type { FixOutcome, WorkflowHooks, WorkflowOptions, WorkflowResult, WorkflowStep } from './types.js'

export type { WorkflowHooks, WorkflowOptions, WorkflowResult, WorkflowStatus, WorkflowStep, CommitRecord, FixOutcome } from './types.js'

/** `prod-fix/<YYYY-MM-DD>` in local time. */
export function defaultBranchName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `prod-fix/${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * One repository, start to end: check the git state → plan → review → branch → one commit per
 * transform → push / pull request. Never throws for a failure it can describe: the result says
 * what happened, where things were left and how to go on. The batch command calls it per repository.
 */
export async function runWorkflow(options: WorkflowOptions, hooks: WorkflowHooks = {}): Promise<WorkflowResult> {
  const redactor = new Redactor()
  const redact = (text: string): string => maskUrlCredentials(redactor.redact(text))
  const result: WorkflowResult = {
    status: 'failed',
    plan: undefined,
    fixes: [],
    originalBranch: undefined,
    branch: undefined,
    currentBranch: undefined,
    commits: [],
    pushed: false,
    pr: undefined,
    error: undefined,
    messages: [],
    redactor,
  }
  const say = (message: string): void => void result.messages.push(redact(message))
  const fail = (step: WorkflowStep, error: unknown): WorkflowResult => {
    result.status = 'failed'
    result.error = { step, message: redact(error instanceof Error ? gitMessage(error) : String(error)), cause: error }
    return result
  }
  const remote = options.remote ?? 'origin'
  const guard = guardInterrupts()
  // A local branch made from the remote's copy of the branch; removed again if this run adds nothing to it.
  let trackedFromRemote: { git: SimpleGit; branch: string } | undefined
  try {
    // 1. Nothing is changed until every check has passed (git state, remote, forge, token).
    hooks.onStep?.('check', 'Checking the repository')
    const git = openGit(options.root)
    let state
    let pullRequest: PullRequestTarget | undefined
    let branch: string
    let exists: boolean
    try {
      state = await inspectRepo(git, options.root)
      assertReady(state, { allowDirty: options.allowDirty ?? false })
      branch = options.branch ?? defaultBranchName(options.now ?? new Date())
      await assertBranchName(git, branch)
      exists = await branchExists(git, branch)
      if (options.push || options.pr) {
        const url = await remoteUrl(git, remote)
        if (options.pr) pullRequest = await preparePullRequest(url, { ...options, env: options.env ?? process.env })
      }
    } catch (error) {
      return fail('check', error)
    }
    const original = state.branch!
    result.originalBranch = result.currentBranch = original
    // The branch of an earlier run may only exist on the remote (a fresh clone, another machine): continue it.
    if (!exists && (await firstExistingRef(git, [`refs/remotes/${remote}/${branch}`]))) {
      try {
        await trackRemoteBranch(git, branch, `${remote}/${branch}`)
      } catch (error) {
        return fail('branch', error)
      }
      exists = true
      trackedFromRemote = { git, branch }
    }
    const checkout = async (name: string): Promise<void> => {
      await switchBranch(git, name)
      result.currentBranch = name
    }

    // 2. A branch from an earlier run is checked out and planned again: only new fixes are added.
    const switched = exists && branch !== original
    if (switched) {
      try {
        await checkout(branch)
      } catch (error) {
        return fail('branch', error)
      }
      hooks.onStep?.('branch', `Branch ${branch} exists: looking for fixes it does not have yet`)
    }
    const backToOriginal = async (): Promise<void> => {
      if (result.currentBranch !== original) await checkout(original)
    }

    // 3. Plan, review, plan again without the rejected fixes.
    hooks.onStep?.('plan', 'Planning the fixes')
    let decided
    const blocked: FixOutcome[] = []
    try {
      const replan = (exclude: ReadonlySet<string>) =>
        planFixes(diskSource(options.root, options.ignore ?? []), {
          transforms: options.transforms,
          options: options.transformOptions,
          maxFileSize: options.maxFileSize,
          exclude,
        })
      const dirty = new Set(state.dirty.map((entry) => entry.path))
      if (dirty.size > 0) {
        for (const fix of (await replan(new Set())).fixes) {
          if (dirty.has(state.prefix + fix.change.path)) blocked.push({ fix, status: 'failed', reason: 'the file has uncommitted changes: left alone (--allow-dirty)' })
        }
      }
      const review = hooks.review
        ? (fixes: readonly Fix[]) => {
            guard.check()
            hooks.onStep?.('review', `Reviewing ${fixes.length} fix(es)`)
            return hooks.review!(fixes, redact)
          }
        : undefined
      decided = await decideFixes(replan, new Set(blocked.map((b) => b.fix.id)), review, redactor)
      guard.check()
    } catch (error) {
      await backToOriginal().catch(() => {})
      if (error instanceof PromptCancelled || error instanceof Interrupted) {
        result.status = 'cancelled'
        say('Cancelled: nothing was applied; the repository is as it was.')
        return result
      }
      return fail('plan', error)
    }
    result.plan = decided.plan
    result.fixes = [...blocked, ...decided.outcomes.values()]
    for (const { fix } of blocked) say(`Left ${fix.change.path} alone (${fix.transform.id}): it has uncommitted changes.`)

    // 4. Nothing to commit: leave the repository as it was (a pull request may still need pushing).
    if (decided.accepted.length === 0) {
      if (decided.outcomes.size === 0) say(exists ? `Nothing new: branch ${branch} already has every fix prod-fix proposes.` : 'Nothing to fix.')
      else say('No fix was accepted: nothing was changed.')
      try {
        await backToOriginal()
      } catch (error) {
        return fail('branch', error)
      }
      if (!exists || !(options.push || options.pr)) {
        result.status = 'no-changes'
        return result
      }
      result.branch = branch
      return await publish(git, branch, original, pullRequest, options, result, redact, say, fail)
    }

    // 5. Branch, then one commit per transform; a failure puts the files back and says what is left where.
    let created = false
    try {
      if (!exists) {
        await createBranch(git, branch)
        created = true
        result.currentBranch = branch
      }
    } catch (error) {
      await backToOriginal().catch(() => {})
      return fail('branch', error)
    }
    result.branch = branch
    // The repository's own type check around every accepted fix; the ones that add errors stay out of the commits.
    let accepted = decided.accepted
    if (options.verify !== false) {
      hooks.onStep?.('verify', 'Type-checking the fixes')
      try {
        const verification = await verifyApply(options.root, accepted)
        // Back to the branch point: each transform's commit writes its own files.
        revertFixes(options.root, verification.applied)
        result.verification = verification
        accepted = verification.applied
        for (const { fix, diagnostics } of verification.failed) {
          const outcome = result.fixes.find((o) => o.fix.id === fix.id)
          if (outcome) Object.assign(outcome, { status: 'failed', reason: `adds type errors (${diagnostics.length}); reverted` })
        }
        if (verification.failed.length > 0) say(`Left out ${verification.failed.length} fix(es) that add type errors: ${[...new Set(verification.failed.map((f) => f.fix.change.path))].join(', ')}.`)
      } catch (error) {
        revertFixes(options.root, accepted)
        await backToOriginal().catch(() => {})
        if (created) await deleteBranch(git, branch).catch(() => {})
        return fail('verify', error)
      }
    }
    const groups = groupByTransform(accepted)
    const before = snapshotFiles(options.root, accepted.map((fix) => fix.change.path))
    const progress: CommitProgress = { commits: result.commits, done: [], uncommitted: [] }
    hooks.onStep?.('commit', `Committing ${groups.length} kind(s) of fix on ${branch}`)
    try {
      await commitGroups(git, options.root, groups, decided.plan.findings, redact, guard, progress)
    } catch (error) {
      const done = new Set(progress.done.flatMap((group) => group.fixes.map((fix) => fix.id)))
      for (const outcome of result.fixes) {
        if (outcome.status !== 'applied' || done.has(outcome.fix.id)) continue
        outcome.status = 'failed'
        outcome.reason = error instanceof CommitFailure && error.group.fixes.includes(outcome.fix) ? error.message : 'not attempted: an earlier commit failed'
      }
      let switchedBack = true
      try {
        await backToOriginal()
        await restoreFiles(git, options.root, new Map([...before].filter(([path]) => progress.uncommitted.includes(path))))
        if (created && result.commits.length === 0) await deleteBranch(git, branch)
      } catch {
        switchedBack = false
      }
      for (const line of failureAdvice({ error, branch, original, created, commits: result.commits, switchedBack })) say(line)
      return fail('commit', error instanceof CommitFailure ? error.failure : error)
    }
    const committedFiles = result.commits.reduce((n, c) => n + c.files.length + c.untracked.length, 0)
    if (progress.uncommitted.length > 0) say(`Also updated ${progress.uncommitted.join(', ')} on disk; git does not track ${progress.uncommitted.length === 1 ? 'it' : 'them'}, so no commit holds the change.`)
    if (result.commits.length === 0) {
      await backToOriginal().catch(() => {})
      if (created) await deleteBranch(git, branch).catch(() => {})
      result.branch = undefined
      result.status = 'no-changes'
      return result
    }
    say(`${exists ? 'Added' : 'Made'} ${result.commits.length} commit(s) (${committedFiles} file(s)) on branch ${branch}${exists ? '' : `, created from ${original}`}.`)
    result.status = 'committed'
    return await publish(git, branch, original, pullRequest, options, result, redact, say, fail)
  } finally {
    if (trackedFromRemote && result.commits.length === 0 && result.currentBranch !== trackedFromRemote.branch) {
      await deleteBranch(trackedFromRemote.git, trackedFromRemote.branch).catch(() => {})
    }
    guard.dispose()
  }
}

/** Steps 6 and 7: push / pull request, then --return. */
async function publish(
  git: SimpleGit,
  branch: string,
  original: string,
  pullRequest: PullRequestTarget | undefined,
  options: WorkflowOptions,
  result: WorkflowResult,
  redact: (text: string) => string,
  say: (message: string) => void,
  fail: (step: WorkflowStep, error: unknown) => WorkflowResult,
): Promise<WorkflowResult> {
  const remote = options.remote ?? 'origin'
  let failed: WorkflowResult | undefined
  if (options.push || options.pr) {
    try {
      result.pr = await pushAndOpen(
        {
          git,
          remote,
          branch,
          originalBranch: original,
          pullRequest,
          transforms: options.transforms,
          commits: result.commits,
          fixes: result.fixes,
          findings: result.plan?.findings ?? [],
          title: options.title,
          draft: options.draft ?? false,
          redact,
          sections: options.prBodySections?.(result),
        },
        () => {
          result.pushed = true
          result.status = 'pushed'
          say(`Pushed ${branch} to ${remote}.`)
        },
      )
      if (result.pr) {
        result.status = result.pr.action === 'created' ? 'pr-opened' : 'pr-updated'
        say(`${result.pr.action === 'created' ? 'Opened' : 'Updated'} pull request #${result.pr.number}: ${result.pr.url}`)
      }
    } catch (error) {
      for (const line of publishFailureAdvice({ error, branch, remote, pushed: result.pushed, commits: result.commits.length, pr: Boolean(options.pr) })) say(line)
      failed = fail(result.pushed ? 'pr' : 'push', error)
    }
  }
  if (options.returnToOriginal && result.currentBranch !== original) {
    try {
      await switchBranch(git, original)
      result.currentBranch = original
      say(`Switched back to ${original}; the fixes are on ${branch}.`)
    } catch (error) {
      return failed ?? fail('return', error)
    }
  } else if (result.currentBranch === branch && original !== branch && result.commits.length > 0) {
    say(`You are on ${branch} now; "git switch ${original}" goes back (or pass --return next time).`)
  }
  return failed ?? result
}
