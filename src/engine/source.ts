import { lstatSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { listFiles, type FileListing } from './files.js'

/** Where the engine reads a repository from: the disk, or memory in tests. */
export interface RepoSource {
  /** Absolute root on disk; undefined for an in-memory repository. */
  readonly root: string | undefined
  list(): FileListing
  /** Raw bytes, or a reason the file is not read. */
  read(path: string, maxBytes: number): Buffer | SkipReason
}

export type SkipReason = 'missing' | 'too-large' | 'symlink'

/** A repository on disk. */
export function diskSource(root: string, ignores: readonly string[] = []): RepoSource {
  return {
    root,
    list: () => listFiles(root, ignores),
    read(path, maxBytes) {
      const absolute = join(root, path)
      let stat
      try {
        stat = lstatSync(absolute)
      } catch {
        return 'missing'
      }
      // Links are never followed: one can point out of the repository or into a loop.
      if (stat.isSymbolicLink()) return 'symlink'
      if (!stat.isFile()) return 'missing'
      if (stat.size > maxBytes) return 'too-large'
      try {
        return readFileSync(absolute)
      } catch {
        return 'missing'
      }
    },
  }
}

/** An in-memory repository: path → text. All files count as tracked unless listed in `untracked`. */
export function memorySource(files: Record<string, string | Buffer>, untracked: readonly string[] = []): RepoSource {
  const paths = Object.keys(files).sort()
  return {
    root: undefined,
    list: () => ({
      files: [...paths],
      tracked: new Set(paths.filter((path) => !untracked.includes(path))),
      isGit: true,
      symlinks: [],
    }),
    read(path, maxBytes) {
      const content = files[path]
      if (content === undefined) return 'missing'
      const buffer = typeof content === 'string' ? Buffer.from(content) : content
      return buffer.length > maxBytes ? 'too-large' : buffer
    },
  }
}
