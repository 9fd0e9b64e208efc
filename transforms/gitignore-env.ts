import { posix } from 'node:path'
import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, TransformContext } from '../src/types.js'
import { appendBlock, dirOf, IgnoreRules } from './lib/env/gitignore.js'
import { isEnvFile, isEnvTemplate } from './lib/env/parse.js'

/** What every package should ignore; `.env.*.local` is checked through two concrete names. */
const STANDARD = ['.env', '.env.local', '.env.*.local', '.env.development', '.env.production']
const SAMPLES: Record<string, string[]> = { '.env.*.local': ['.env.development.local', '.env.production.local'] }
/** Templates that must stay committed. */
const TEMPLATES = ['.env.example', '.env.template', '.env.sample']
/** Test settings that projects commit on purpose (a local test database, CI flags): not asked to be ignored. */
const TEST_ENV = /^\.env\.(?:test|testing|e2e|ci)$/
const HEADER = '# Local environment files: real credentials stay out of git (added by prod-fix)'

export default defineTransform({
  meta: {
    id: 'gitignore-env',
    title: 'Ignore .env files in git',
    severity: 'high',
    audit: { ref: 'gitignore-env', finding: '.env not ignored by git' },
    description:
      'A .env file that git does not ignore ends up committed with real credentials. When .env (or an env file the repository holds, such as .env.docker) is not ignored, appends a commented block that ignores .env, .env.local, .env.*.local, .env.development, .env.production and those files, while keeping .env.example and .env.template committed.',
    files: ['**/.gitignore'],
    example: {
      file: '.gitignore',
      before: 'node_modules/\n',
      after: `node_modules/\n\n${HEADER}\n.env\n.env.local\n.env.*.local\n.env.development\n.env.production\n`,
    },
  },
  run(ctx) {
    const gitignores = new Map(ctx.candidates().flatMap((path) => (posix.basename(path) === '.gitignore' && ctx.read(path) !== undefined ? [[path, ctx.read(path)!] as const] : [])))
    const rules = new IgnoreRules(gitignores)
    const envFiles = ctx.files.filter(isEnvFile)
    const changes: FileChange[] = []
    const notes: Finding[] = []
    for (const [target, dirs] of targets(ctx, gitignores, envFiles)) {
      const existing = envFiles.filter((file) => dirs.includes(dirOf(file)))
      const block = missingRules(rules, target, dirs, existing)
      if (!block) continue
      const before = gitignores.get(target) ?? null
      changes.push({ path: target, before, after: appendBlock(before ?? '', [HEADER, ...block]), reason: `Ignore ${block.filter((l) => !l.startsWith('!')).join(', ')}` })
    }
    for (const file of envFiles.filter((f) => !isEnvTemplate(f) && ctx.isTracked(f) && rules.ignores(f))) {
      notes.push({ path: file, line: 1, message: `${file} is ignored but still tracked by git: ignoring does not untrack it (git rm --cached does; the secrets fix does it when the file holds secrets)` })
    }
    return { changes, notes }
  },
})

/**
 * Which .gitignore answers for which directories. The root one covers the whole repository when
 * it exists or the root is a package; otherwise each directory holding env files is covered by
 * its nearest .gitignore, or a new one beside the env files.
 */
function targets(ctx: TransformContext, gitignores: ReadonlyMap<string, string>, envFiles: readonly string[]): Map<string, string[]> {
  const envDirs = [...new Set(envFiles.map(dirOf))]
  const rootCovers = gitignores.has('.gitignore') || ctx.files.includes('package.json') || envDirs.includes('')
  const byTarget = new Map<string, string[]>()
  const add = (target: string, dir: string): void => void byTarget.set(target, [...new Set([...(byTarget.get(target) ?? []), dir])])
  if (rootCovers) {
    // A .gitignore that exists but cannot be read (too large, binary) is never replaced.
    if (!gitignores.has('.gitignore') && ctx.files.includes('.gitignore')) return byTarget
    add('.gitignore', '')
    for (const dir of envDirs) add('.gitignore', dir)
    return byTarget
  }
  for (const dir of envDirs) {
    const nearest = nearestGitignore(gitignores, dir) ?? (dir === '' ? '.gitignore' : `${dir}/.gitignore`)
    if (gitignores.has(nearest) || !ctx.files.includes(nearest)) add(nearest, dir)
  }
  return byTarget
}

function nearestGitignore(gitignores: ReadonlyMap<string, string>, dir: string): string | undefined {
  for (let current = dir; ; current = dirOf(current)) {
    const path = current === '' ? '.gitignore' : `${current}/.gitignore`
    if (gitignores.has(path)) return path
    if (current === '') return undefined
  }
}

/**
 * The lines to append to `target`, or undefined when nothing essential is missing. Essential:
 * `.env` itself, or an env file the repository holds, escaping the rules in some directory. When
 * something is, the whole standard set is completed in one block, and templates the block or
 * older wildcards (`.env*`) would hide get a `!` rule.
 */
function missingRules(rules: IgnoreRules, target: string, dirs: readonly string[], existing: readonly string[]): string[] | undefined {
  const join = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`)
  const samplePaths = (name: string): string[] => dirs.flatMap((dir) => (SAMPLES[name] ?? [name]).map((sample) => join(dir, sample)))
  const secretFiles = existing.filter((file) => !isEnvTemplate(file) && !TEST_ENV.test(posix.basename(file)))
  const essential = samplePaths('.env').some((path) => !rules.ignores(path)) || secretFiles.some((file) => !rules.ignores(file))
  const templateIgnored = samplePaths('.env.example').some((path) => rules.ignores(path))
  if (!essential && !templateIgnored) return undefined

  const block: string[] = []
  // A line is added only when it changes what git ignores: a deeper .gitignore that re-includes a
  // file wins over the root, and repeating a line it overrides would never converge.
  const adopt = (line: string, paths: readonly string[], wantIgnored: boolean): void => {
    if (block.includes(line)) return
    const before = rules.withAppended(target, block)
    const after = rules.withAppended(target, [...block, line])
    const wrong = (r: IgnoreRules): number => paths.filter((path) => r.ignores(path) !== wantIgnored).length
    if (wrong(after) < wrong(before)) block.push(line)
  }
  if (essential) {
    for (const name of STANDARD) adopt(name, samplePaths(name), true)
    for (const file of secretFiles) adopt(posix.basename(file), [file], true)
  }
  const templates = [...TEMPLATES, ...existing.filter(isEnvTemplate).map((file) => posix.basename(file))]
  for (const name of templates) adopt(`!${name}`, samplePaths(name), false)
  return block.length > 0 ? block : undefined
}

