import { dirname, isAbsolute, resolve } from 'node:path'
import { UsageError } from '../errors.js'

/** One repository of a batch, as listed. */
export interface RepoEntry {
  /** The line as written (without comment), used in reports and for sharding. */
  spec: string
  /** A clone URL, or an absolute local path. */
  location: string
  /** The branch to start from (`#branch`); the repository's default when absent. */
  branch: string | undefined
  remote: boolean
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/i

/**
 * Parses a repository list: one local path or clone URL per line, optional `#branch`,
 * blank lines and `# comments` ignored. Local paths are relative to the list file.
 */
export function parseRepoList(text: string, listFile: string): RepoEntry[] {
  const entries: RepoEntry[] = []
  const seen = new Set<string>()
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (line === '' || line.startsWith('#')) return
    if (/\s/.test(line)) throw new UsageError(`${listFile}:${index + 1}: expected one repository per line, got "${line}"`)
    const hash = line.lastIndexOf('#')
    const location = hash > 0 ? line.slice(0, hash) : line
    const branch = hash > 0 ? line.slice(hash + 1) : undefined
    if (branch === '') throw new UsageError(`${listFile}:${index + 1}: "#" must be followed by a branch name`)
    if (seen.has(line)) throw new UsageError(`${listFile}:${index + 1}: ${line} is listed twice`)
    seen.add(line)
    const remote = URL_LIKE.test(location)
    entries.push({ spec: line, location: remote || isAbsolute(location) ? location : resolve(dirname(listFile), location), branch, remote })
  })
  return entries
}

/** Parses `--shard i/n` (1-based). */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${value}"`)
  return { index, count }
}

/**
 * The entries of shard i of n. A repository's shard depends only on its own line (a stable
 * hash), so adding or removing repositories never moves the others between CI jobs.
 */
export function selectShard(entries: readonly RepoEntry[], shard: { index: number; count: number }): RepoEntry[] {
  return entries.filter((entry) => fnv1a(entry.spec) % shard.count === shard.index - 1)
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
