import { spawnSync } from 'node:child_process'
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Fix } from './plan.js'

export interface ApplyResult {
  /** Repo-relative paths written, created or deleted. */
  written: string[]
  /** Repo-relative paths removed from git's index. */
  untracked: string[]
}

/** The run was interrupted between two files: every file is either old or new. */
export class InterruptedError extends Error {
  constructor(readonly written: string[]) {
    super(`interrupted after writing ${written.length} file(s); each file is either unchanged or fully updated`)
  }
}

/**
 * Writes the fixes of a plan to disk: the only place prod-fix writes a user's files. Each file
 * is written to a temporary sibling and renamed over the original (mode kept), so an
 * interruption leaves every file old or new, never half-written. Refuses, before writing
 * anything, when a file changed on disk since it was planned. Ctrl-C (SIGINT) or SIGTERM during
 * the writes finishes the file in hand and stops with InterruptedError.
 */
export async function applyFixes(root: string, fixes: readonly Fix[]): Promise<ApplyResult> {
  const final = new Map<string, { original: string | null; text: string | null; untrack: boolean }>()
  for (const { change } of fixes) {
    const entry = final.get(change.path)
    final.set(change.path, {
      original: entry ? entry.original : change.before,
      text: change.after,
      untrack: (entry?.untrack ?? false) || (change.untrack ?? false),
    })
  }
  for (const [path, { original }] of final) {
    if (readCurrent(join(root, path)) !== original) throw new Error(`${path} changed on disk since prod-fix read it; nothing was written. Run prod-fix again.`)
  }

  let interrupted = false
  const onSignal = (): void => {
    interrupted = true
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const written: string[] = []
  const untracked: string[] = []
  try {
    for (const [path, { original, text, untrack }] of final) {
      // Yield between files so a pending signal handler runs before the next write.
      await new Promise((resolve) => setImmediate(resolve))
      if (interrupted) throw new InterruptedError(written)
      if (text !== original) {
        if (text === null) unlinkSync(join(root, path))
        else writeAtomic(join(root, path), text)
        written.push(path)
      }
      if (untrack) {
        const result = spawnSync('git', ['rm', '--cached', '--quiet', '--', path], { cwd: root, encoding: 'utf8' })
        if (result.status !== 0) throw new Error(`git rm --cached ${path} failed: ${result.stderr.trim()}`)
        untracked.push(path)
      }
    }
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  return { written, untracked }
}

function readCurrent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** Temp file + fsync + rename in the same directory, keeping the original's mode. */
export function writeAtomic(path: string, text: string): void {
  let mode: number | undefined
  try {
    mode = statSync(path).mode & 0o7777
  } catch {
    mkdirSync(dirname(path), { recursive: true })
  }
  const temp = join(dirname(path), `.${path.slice(dirname(path).length + 1)}.prod-fix-${process.pid}.tmp`)
  const fd = openSync(temp, 'w', mode ?? 0o644)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    if (mode !== undefined) chmodSync(temp, mode)
    renameSync(temp, path)
  } catch (error) {
    try {
      unlinkSync(temp)
    } catch {
      // the temp file is already gone
    }
    throw error
  }
}
