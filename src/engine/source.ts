import { lstatSync, readFileSync, realpathSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
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
  const realRoot = realpathSync(root)
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
      if (stat.isSymbolicLink()) {
        // Follow a link only when it stays inside the repository.
        try {
          const target = realpathSync(absolute)
          if (relative(realRoot, target).startsWith(`..${sep}`)) return 'symlink'
        } catch {
          return 'missing'
        }
      } else if (!stat.isFile()) {
        return 'missing'
      }
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
      symlinks: 0,
    }),
    read(path, maxBytes) {
      const content = files[path]
      if (content === undefined) return 'missing'
      const buffer = typeof content === 'string' ? Buffer.from(content) : content
      return buffer.length > maxBytes ? 'too-large' : buffer
    },
  }
}
