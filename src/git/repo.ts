import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { simpleGit, type SimpleGit } from 'simple-git'
import { GitError } from '../errors.js'

/** One line of `git status --porcelain`: the two status letters and the path from the top level. */
export interface StatusEntry {
  code: string
  path: string
}

/** What prod-fix needs to know about a repository before it touches it. */
export interface RepoState {
  /** Absolute top level of the work tree. */
  toplevel: string
  /** The scanned root relative to the top level: '' or 'sub/dir/'. */
  prefix: string
  /** The checked-out branch; undefined on a detached HEAD. */
  branch: string | undefined
  /** Whether HEAD points at a commit (false in a fresh `git init`). */
  hasCommits: boolean
  /** An operation git has not finished: 'merge', 'rebase', 'cherry-pick', 'revert'. */
  inProgress: string | undefined
  /** Uncommitted changes, untracked files included (ignored files are not listed). */
  dirty: StatusEntry[]
}

const IN_PROGRESS: Array<[marker: string, operation: string]> = [
  ['MERGE_HEAD', 'merge'],
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
]

/**
 * A simple-git client for the repository at `root`. Git inherits prod-fix's environment as is:
 * simple-git's .env() would refuse common variables (GIT_SSL_CAINFO, GIT_CONFIG_GLOBAL).
 */
export function openGit(root: string): SimpleGit {
  return simpleGit({
    baseDir: root,
    // simple-git only fails a command that wrote to stderr; a hook can exit 1 silently.
    errors(error, result) {
      if (error) return error
      if (result.exitCode === 0) return undefined
      const output = Buffer.concat([...result.stdErr, ...result.stdOut]).toString('utf8').trim()
      return new Error(output || `git exited with code ${result.exitCode}`)
    },
  })
}

/** Reads branch, pending operations and uncommitted changes; a folder outside git is a GitError. */
export async function inspectRepo(git: SimpleGit, root: string): Promise<RepoState> {
  let toplevel: string
  let prefix: string
  try {
    ;[toplevel = '', prefix = ''] = (await git.raw(['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n')
  } catch {
    throw new GitError(`${root} is not inside a git repository: prod-fix commits its fixes on a new branch. Run "git init" and commit your files first, or pass --no-branch to apply to the working tree.`)
  }
  const branch = (await tryRaw(git, ['symbolic-ref', '--quiet', '--short', 'HEAD'])) || undefined
  const hasCommits = (await tryRaw(git, ['rev-parse', '--verify', '--quiet', 'HEAD'])) !== ''
  let inProgress: string | undefined
  for (const [marker, operation] of IN_PROGRESS) {
    const path = (await git.raw(['rev-parse', '--git-path', marker])).trim()
    if (existsSync(resolve(root, path))) {
      inProgress = operation
      break
    }
  }
  const status = await git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all'])
  return { toplevel: toplevel.trim(), prefix: prefix.trim(), branch, hasCommits, inProgress, dirty: parsePorcelain(status) }
}

/** Refuses a repository prod-fix must not branch from; `allowDirty` lets unstaged and untracked changes through. */
export function assertReady(state: RepoState, options: { allowDirty: boolean }): void {
  if (state.inProgress) {
    throw new GitError(`a ${state.inProgress} is in progress: finish it (git ${state.inProgress} --continue) or abort it (git ${state.inProgress} --abort), then run prod-fix again.`)
  }
  if (!state.hasCommits) throw new GitError('the repository has no commits yet: commit your files first, so prod-fix can branch from them.')
  if (!state.branch) throw new GitError('HEAD is detached: check out the branch the fixes should start from (git switch <branch>), then run prod-fix again.')
  if (state.dirty.length === 0) return
  const listed = describeEntries(state.dirty)
  if (!options.allowDirty) {
    throw new GitError(`the working tree has uncommitted changes (${listed}). Commit or stash them first, or pass --allow-dirty (prod-fix then leaves the changed files alone).`)
  }
  const staged = state.dirty.filter((entry) => entry.code[0] !== ' ' && entry.code[0] !== '?')
  if (staged.length > 0) {
    throw new GitError(`staged changes would go into prod-fix's commits (${describeEntries(staged)}). Commit them, or unstage them with "git restore --staged <file>", then run prod-fix again.`)
  }
}

/** Whether a local branch of that name exists. */
export async function branchExists(git: SimpleGit, name: string): Promise<boolean> {
  return (await tryRaw(git, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])) !== ''
}

/** Throws a GitError unless `name` is a valid branch name. */
export async function assertBranchName(git: SimpleGit, name: string): Promise<void> {
  if ((await tryRaw(git, ['check-ref-format', '--branch', name])) === '') throw new GitError(`"${name}" is not a valid branch name`)
}

/**
 * Runs git and returns its trimmed output; '' when it fails. simple-git only rejects when git
 * writes to stderr, so callers test the output (`rev-parse --verify --quiet` prints nothing on a miss).
 */
export async function tryRaw(git: SimpleGit, args: string[]): Promise<string> {
  try {
    return (await git.raw(args)).trim()
  } catch {
    return ''
  }
}

/** The message of a failed git command, first lines only, with credentials in URLs masked. */
export function gitMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('hint:'))
  return maskUrlCredentials(lines.slice(0, 6).join('\n'))
}

/** `https://user:token@host` → `https://***@host`: remotes can carry tokens. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@')
}

function parsePorcelain(output: string): StatusEntry[] {
  const entries: StatusEntry[] = []
  const parts = output.split('\0')
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (part.length < 4) continue
    const code = part.slice(0, 2)
    entries.push({ code, path: part.slice(3) })
    // A rename or copy is followed by its source path.
    if (code[0] === 'R' || code[0] === 'C') i++
  }
  return entries
}

function describeEntries(entries: StatusEntry[]): string {
  const shown = entries.slice(0, 3).map((entry) => entry.path)
  return entries.length > 3 ? `${shown.join(', ')} and ${entries.length - 3} more` : shown.join(', ')
}
