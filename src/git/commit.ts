import { existsSync, readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { SimpleGit } from 'simple-git'
import { writeAtomic } from '../engine/apply.js'
import type { FileChange } from '../types.js'
import { parseFixCommit, type FixCommit } from './message.js'
import { tryRaw } from './repo.js'

/**
 * Stages what one transform's fixes wrote: tracked paths as they are now (deletions included),
 * files the fixes created even where a .gitignore pattern covers them. A path git does not track
 * and the fixes did not create (a local .env another fix stopped tracking) stays out of the commit.
 * Returns the staged paths.
 */
export async function stageChanges(git: SimpleGit, written: readonly string[], changes: readonly FileChange[]): Promise<string[]> {
  if (written.length === 0) return []
  const tracked = new Set((await git.raw(['ls-files', '-z', '--', ...written])).split('\0').filter(Boolean))
  const created = new Set(changes.filter((change) => change.before === null).map((change) => change.path))
  const staged: string[] = []
  const plain = written.filter((path) => tracked.has(path))
  if (plain.length > 0) {
    await git.raw(['add', '--all', '--', ...plain])
    staged.push(...plain)
  }
  const forced = written.filter((path) => !tracked.has(path) && created.has(path))
  if (forced.length > 0) {
    await git.raw(['add', '--force', '--', ...forced])
    staged.push(...forced)
  }
  return staged
}

/** Whether the index differs from HEAD (something to commit). */
export async function hasStagedChanges(git: SimpleGit): Promise<boolean> {
  return (await git.raw(['diff', '--cached', '--name-only', '-z'])).length > 0
}

/** Commits the index (hooks run) and returns the new commit's full sha. */
export async function commitStaged(git: SimpleGit, subject: string, body: string): Promise<string> {
  await git.raw(['commit', '--quiet', '-m', subject, '-m', body])
  return (await git.raw(['rev-parse', 'HEAD'])).trim()
}

/** The current text of each path (null when absent), to put back with restoreFiles. */
export function snapshotFiles(root: string, paths: readonly string[]): Map<string, string | null> {
  const snapshot = new Map<string, string | null>()
  for (const path of paths) {
    try {
      snapshot.set(path, readFileSync(join(root, path), 'utf8'))
    } catch {
      snapshot.set(path, null)
    }
  }
  return snapshot
}

/**
 * Undoes uncommitted changes to these paths: index entries back to HEAD, files back to the
 * snapshot taken before writing (a file that did not exist is removed). Used when a commit fails.
 */
export async function restoreFiles(git: SimpleGit, root: string, snapshot: ReadonlyMap<string, string | null>): Promise<void> {
  if (snapshot.size === 0) return
  await git.raw(['reset', '--quiet', 'HEAD', '--', ...snapshot.keys()])
  for (const [path, text] of snapshot) {
    const absolute = join(root, path)
    if (text === null) {
      if (existsSync(absolute)) unlinkSync(absolute)
    } else if (!existsSync(absolute) || readFileSync(absolute, 'utf8') !== text) {
      writeAtomic(absolute, text)
    }
  }
}

/** Creates `name` from HEAD and checks it out. */
export async function createBranch(git: SimpleGit, name: string): Promise<void> {
  await git.raw(['checkout', '--quiet', '-b', name])
}

/** Creates a local branch from a remote-tracking one (its upstream set), without checking it out. */
export async function trackRemoteBranch(git: SimpleGit, name: string, remoteRef: string): Promise<void> {
  await git.raw(['branch', '--quiet', '--track', name, remoteRef])
}

/** Checks out an existing branch. */
export async function switchBranch(git: SimpleGit, name: string): Promise<void> {
  await git.raw(['checkout', '--quiet', name])
}

/** Deletes a local branch that is not checked out. */
export async function deleteBranch(git: SimpleGit, name: string): Promise<void> {
  await git.raw(['branch', '--quiet', '-D', name])
}

/** The prod-fix commits reachable from `head` and not from `base`, oldest first. */
export async function fixCommitsSince(git: SimpleGit, base: string | undefined, head: string): Promise<FixCommit[]> {
  const range = base ? [`${base}..${head}`] : [head]
  const log = await tryRaw(git, ['log', '--reverse', '--format=%H%x00%B%x1e', ...range, '--'])
  const commits: FixCommit[] = []
  for (const record of log.split('\x1e')) {
    const [sha, message] = record.replace(/^\n/, '').split('\0')
    if (!sha || message === undefined) continue
    const commit = parseFixCommit(sha, message)
    if (commit) commits.push(commit)
  }
  return commits
}

/** The first ref of the list that exists, resolved to its name. */
export async function firstExistingRef(git: SimpleGit, refs: readonly string[]): Promise<string | undefined> {
  for (const ref of refs) if ((await tryRaw(git, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) !== '') return ref
  return undefined
}
