import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { listFiles, type FileListing } from './files.js'

/** Where the engine reads a repository from: the disk, or memory in tests. */
export interface RepoSource {
  /** Absolute root on disk; undefined for an in-memory repository. */
  readonly root: string | undefined
  list(): FileListing
  /** Raw bytes, or a reason the file is not read. The bytes may be reused by the next read: decode them first. */
  read(path: string, maxBytes: number): Buffer | SkipReason
}

export type SkipReason = 'missing' | 'too-large' | 'symlink'

// Opening with O_NOFOLLOW refuses a link in the same call that reads the file, one system call
// fewer than lstat first; O_NONBLOCK keeps a named pipe from blocking the open. Platforms without
// O_NOFOLLOW (Windows) check with lstat.
const NO_FOLLOW = constants.O_NOFOLLOW === undefined ? undefined : constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0)

/** A repository on disk. */
export function diskSource(root: string, ignores: readonly string[] = []): RepoSource {
  // One buffer for every read: allocating one per file (130 MB over medusa's tree) made the
  // process's memory grow with the tree until the garbage collector caught up.
  let buffer = Buffer.allocUnsafe(64 * 1024)
  return {
    root,
    list: () => listFiles(root, ignores),
    read(path, maxBytes) {
      const absolute = join(root, path)
      let fd
      try {
        if (NO_FOLLOW === undefined && lstatSync(absolute).isSymbolicLink()) return 'symlink'
        fd = openSync(absolute, NO_FOLLOW ?? constants.O_RDONLY)
      } catch (error) {
        // Links are never followed: one can point out of the repository or into a loop.
        return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink' : 'missing'
      }
      try {
        const stat = fstatSync(fd)
        if (!stat.isFile()) return 'missing'
        if (stat.size > maxBytes) return 'too-large'
        if (buffer.length < stat.size) buffer = Buffer.allocUnsafe(Math.max(stat.size, buffer.length * 2))
        let length = 0
        while (length < stat.size) {
          const n = readSync(fd, buffer, length, stat.size - length, length)
          if (n === 0) break // the file shrank while being read
          length += n
        }
        return buffer.subarray(0, length)
      } catch {
        return 'missing'
      } finally {
        closeSync(fd)
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
