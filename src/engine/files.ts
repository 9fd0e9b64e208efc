import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import picomatch from 'picomatch'

// Never scanned: dependencies, build output, generated Prisma clients, VCS internals — the globs
// **/{node_modules,.git,dist,build,out,.next,.nuxt,.turbo,.vercel,.wrangler,coverage,.prisma}/**,
// **/generated/prisma/**, **/prisma/generated/** and **/*.min.js, tested directly: picomatch took
// 40 ms to match a 15,000-file listing against them.
const IGNORED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next', '.nuxt', '.turbo', '.vercel', '.wrangler', 'coverage', '.prisma'])
const GENERATED_PRISMA = /(?:^|\/)(?:generated\/prisma|prisma\/generated)\//

/** Whether a repo-relative path is one prod-fix never scans. */
export function isAlwaysIgnored(path: string): boolean {
  if (path.endsWith('.min.js') || GENERATED_PRISMA.test(path)) return true
  let start = 0
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', start)) {
    if (IGNORED_DIRS.has(path.slice(start, slash))) return true
    start = slash + 1
  }
  return false
}

export interface FileListing {
  /** Repo-relative POSIX paths, sorted. In a git repository, the tracked ones until `untracked` is added. */
  files: string[]
  /** Tracked by git; empty outside git. */
  tracked: Set<string>
  isGit: boolean
  /** Symbolic links seen and not followed (repo-relative paths). */
  symlinks: string[]
  /**
   * In a git repository: the untracked, not ignored files, sorted. Listing them makes git walk the
   * whole tree (100 ms for medusa's 15,000 files), so a second git process does it while the
   * engine reads the tracked files.
   */
  untracked?: Promise<UntrackedFiles>
}

export interface UntrackedFiles {
  files: string[]
  /** Why git could not list them (the run goes on with the tracked files). */
  error?: string
}

/** Lists the files prod-fix may read: git's index plus untracked-but-not-ignored files, else a .gitignore-aware walk. */
export function listFiles(root: string, extraIgnores: readonly string[] = []): FileListing {
  const extra = extraIgnores.length ? picomatch([...extraIgnores], { dot: true }) : undefined
  const excluded = (file: string): boolean => isAlwaysIgnored(file) || (extra?.(file) ?? false)
  const listing = listWithGit(root, excluded) ?? listByWalking(root)
  listing.files = listing.files.filter((file) => !excluded(file)).sort()
  listing.symlinks = listing.symlinks.filter((file) => !excluded(file)).sort()
  return listing
}

function listWithGit(root: string, excluded: (file: string) => boolean): FileListing | undefined {
  // -t tags each path (H = tracked); -s adds the mode so symlinks (120000) are seen.
  const result = spawnSync('git', ['ls-files', '-z', '-t', '-s', '--cached'], { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 })
  if (result.status !== 0 || result.error) return undefined
  const files = new Set<string>()
  const symlinks: string[] = []
  for (const entry of result.stdout.split('\0')) {
    // "H 100644 <sha> 0\tpath"
    const tab = entry.indexOf('\t')
    if (tab === -1) continue
    const path = entry.slice(tab + 1)
    if (entry.slice(2, 8) === '120000') symlinks.push(path)
    else if (entry.slice(2, 8) !== '160000') files.add(path) // 160000: a submodule
  }
  return { files: [...files], tracked: new Set(files), isGit: true, symlinks, untracked: listUntracked(root, excluded) }
}

function listUntracked(root: string, excluded: (file: string) => boolean): Promise<UntrackedFiles> {
  return new Promise((resolve) => {
    const child = spawn('git', ['ls-files', '-z', '--others', '--exclude-standard'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => resolve({ files: [], error: error.message }))
    child.on('close', (status) => {
      if (status !== 0) return resolve({ files: [], error: Buffer.concat(err).toString('utf8').trim() || `git ls-files exited with ${status}` })
      const files = Buffer.concat(out).toString('utf8').split('\0').filter((file) => file && !excluded(file))
      resolve({ files: files.sort() })
    })
  })
}

function listByWalking(root: string): FileListing {
  const files: string[] = []
  const symlinks: string[] = []
  const visit = (dir: string, rules: Array<{ base: string; ig: Ignore }>): void => {
    const local = readIgnoreFile(join(root, dir, '.gitignore'))
    const active = local ? [...rules, { base: dir, ig: local }] : rules
    const ignored = (rel: string, isDir: boolean): boolean =>
      active.some(({ base, ig }) => {
        const inner = base ? rel.slice(base.length + 1) : rel
        return inner !== '' && ig.ignores(isDir ? `${inner}/` : inner)
      })
    let entries
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isSymbolicLink()) {
        symlinks.push(rel) // never followed: a link can point out of the root or into a loop
      } else if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === 'node_modules' || ignored(rel, true)) continue
        visit(rel, active)
      } else if (entry.isFile() && !ignored(rel, false)) {
        files.push(rel)
      }
    }
  }
  visit('', [])
  return { files, tracked: new Set(), isGit: false, symlinks }
}

function readIgnoreFile(path: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}
