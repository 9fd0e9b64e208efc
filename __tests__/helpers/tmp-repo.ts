import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A git identity and no global/system config, so tests behave the same on every machine. */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Prod Fix Test',
  GIT_AUTHOR_EMAIL: 'test@prod-fix.invalid',
  GIT_COMMITTER_NAME: 'Prod Fix Test',
  GIT_COMMITTER_EMAIL: 'test@prod-fix.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
}
Object.assign(process.env, GIT_ENV)

export interface TmpRepo {
  root: string
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string
  write(path: string, text: string): void
  read(path: string): string
  /** Commit subjects of `range` (e.g. `main..prod-fix/x`), newest first. */
  subjects(range: string): string[]
  cleanup(): void
}

/** A scratch directory under the OS temp dir. */
export function tmpDir(prefix = 'prod-fix-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** A git repository on branch `main` with `files` committed as "initial". */
export function createTmpRepo(files: Record<string, string>, options: { branch?: string } = {}): TmpRepo {
  const root = tmpDir()
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  git('init', '--quiet', '--initial-branch', options.branch ?? 'main')
  for (const [path, text] of Object.entries(files)) write(path, text)
  git('add', '--all')
  git('commit', '--quiet', '--allow-empty', '-m', 'initial')
  return {
    root,
    git,
    write,
    read: (path) => readFileSync(join(root, path), 'utf8'),
    subjects: (range) => git('log', '--format=%s', range).split('\n').filter(Boolean),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}

/** A bare repository to push to, added to `repo` as `origin`; `rejectPushes` installs a pre-receive hook that exits 1. */
export function addBareRemote(repo: TmpRepo, options: { rejectPushes?: boolean; name?: string } = {}): string {
  const bare = tmpDir('prod-fix-remote-')
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch', 'main', bare], { env: { ...process.env, ...GIT_ENV } })
  repo.git('remote', 'add', options.name ?? 'origin', bare)
  repo.git('push', '--quiet', options.name ?? 'origin', 'main')
  if (options.rejectPushes) rejectPushes(bare)
  return bare
}

/** Makes a bare repository refuse every push from now on. */
export function rejectPushes(bare: string): void {
  const hook = join(bare, 'hooks', 'pre-receive')
  writeFileSync(hook, '#!/bin/sh\necho "pushes are frozen for this test" >&2\nexit 1\n')
  chmodSync(hook, 0o755)
}

/** Installs a hook in a work repository (e.g. a pre-commit that exits 1). */
export function installHook(repo: TmpRepo, name: string, script: string): void {
  const hook = join(repo.root, '.git', 'hooks', name)
  writeFileSync(hook, script)
  chmodSync(hook, 0o755)
}
