import type { SimpleGit } from 'simple-git'
import { applyFixes } from '../engine/apply.js'
import type { Fix, PlanFinding } from '../engine/plan.js'
import { commitStaged, hasStagedChanges, restoreFiles, snapshotFiles, stageChanges } from '../git/commit.js'
import { commitMessage } from '../git/message.js'
import type { TransformMeta } from '../types.js'
import type { InterruptGuard } from './interrupt.js'
import type { CommitRecord } from './types.js'

/** The accepted fixes of one transform: they go into one commit. */
export interface FixGroup {
  transform: TransformMeta
  fixes: Fix[]
}

export interface CommitProgress {
  commits: CommitRecord[]
  /** Groups whose fixes were written and committed (or had nothing git tracks), in order. */
  done: FixGroup[]
  /** Written to disk but outside any commit, because git does not track them. */
  uncommitted: string[]
}

/** A commit failed; the failed group's files are back as they were. */
export class CommitFailure extends Error {
  constructor(
    readonly group: FixGroup,
    readonly failure: unknown,
    readonly restoreError: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure))
  }
}

/** Groups fixes by transform, in the order the transforms ran. */
export function groupByTransform(fixes: readonly Fix[]): FixGroup[] {
  const groups = new Map<string, FixGroup>()
  for (const fix of fixes) {
    const group = groups.get(fix.transform.id) ?? { transform: fix.transform, fixes: [] }
    group.fixes.push(fix)
    groups.set(fix.transform.id, group)
  }
  return [...groups.values()]
}

/**
 * Writes and commits one group at a time (`fix(<id>): <title>`, hooks run). When a step fails,
 * that group's files are put back and a CommitFailure carries what was already committed.
 */
export async function commitGroups(
  git: SimpleGit,
  root: string,
  groups: readonly FixGroup[],
  findings: readonly PlanFinding[],
  redact: (text: string) => string,
  guard: InterruptGuard,
  progress: CommitProgress,
): Promise<void> {
  for (const group of groups) {
    const changes = group.fixes.map((fix) => fix.change)
    const snapshot = snapshotFiles(root, changes.map((change) => change.path))
    try {
      guard.check()
      const applied = await applyFixes(root, group.fixes)
      guard.check()
      const staged = await stageChanges(git, applied.written, changes)
      progress.uncommitted.push(...applied.written.filter((path) => !staged.includes(path)))
      if (await hasStagedChanges(git)) {
        const own = findings.filter((finding) => finding.transform === group.transform.id)
        const { subject, body } = commitMessage({ transform: group.transform, files: staged, untracked: applied.untracked, findings: own }, redact)
        const sha = await commitStaged(git, subject, body)
        progress.commits.push({ sha, transform: group.transform.id, subject, files: staged, untracked: applied.untracked })
      }
      progress.done.push(group)
    } catch (error) {
      let restoreError: unknown
      try {
        await restoreFiles(git, root, snapshot)
      } catch (failure) {
        restoreError = failure
      }
      throw new CommitFailure(group, error, restoreError)
    }
  }
}
