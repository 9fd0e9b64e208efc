import prompts from 'prompts'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { createTmpRepo, type TmpRepo } from '../helpers/tmp-repo.js'

const PRETTY = "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n"
const FILES = { 'src/a.ts': PRETTY, 'src/b.ts': PRETTY }
const ONLY = ['--only', 'prisma-error-format']

let repo: TmpRepo
afterEach(() => repo?.cleanup())

describe('prod-fix (apply on a branch) in-process', () => {
  it('--yes --json reports applied fixes with the branch and its commits', async () => {
    repo = createTmpRepo(FILES)
    const run = await runCli(['--yes', '--json', '--branch', 'fixes/prisma', ...ONLY, repo.root])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.fixes.map((f: { file: string; status: string }) => `${f.file} ${f.status}`)).toEqual(['src/a.ts applied', 'src/b.ts applied'])
    expect(report.branch).toBe('fixes/prisma')
    expect(report.commits).toEqual([
      { sha: repo.git('rev-parse', 'fixes/prisma'), transform: 'prisma-error-format', subject: 'fix(prisma-error-format): Use the minimal Prisma error format in production', files: ['src/a.ts', 'src/b.ts'] },
    ])
    expect(report.pr).toBeNull()
  })

  it('reviews in the terminal: a rejected fix stays out of the commit and is reported', async () => {
    repo = createTmpRepo(FILES)
    prompts.inject(['reject', 'accept'])
    const run = await runCli([...ONLY, '--return', repo.root], { interactive: true })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Fixes: 1 applied, 1 rejected.')
    const branch = run.stdout.match(/on branch (prod-fix\/\S+), created from main/)![1]!
    expect(repo.git('show', '--name-only', '--format=%s', branch).split('\n')).toEqual(['fix(prisma-error-format): Use the minimal Prisma error format in production', '', 'src/b.ts'])
    expect(run.stdout).toContain(`Switched back to main; the fixes are on ${branch}.`)
    expect(repo.read('src/a.ts')).toBe(PRETTY)
  })

  it('quitting the review leaves the rest unapplied, and the readiness summary says so', async () => {
    repo = createTmpRepo({ ...FILES, 'src/c.ts': PRETTY })
    prompts.inject(['accept', 'quit'])
    const run = await runCli([...ONLY, '--no-color', repo.root], { interactive: true })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Readiness by category (prod-fix\'s scan): found / fixed / left / n/a')
    expect(run.stdout).not.toContain('if applied')
  })

  it('--no-branch reviews too and writes only the accepted fixes to the working tree', async () => {
    repo = createTmpRepo(FILES)
    prompts.inject(['accept', 'reject'])
    const run = await runCli([...ONLY, '--no-branch', repo.root], { interactive: true })
    expect(run.code).toBe(0)
    expect(repo.read('src/a.ts')).not.toBe(PRETTY)
    expect(repo.read('src/b.ts')).toBe(PRETTY)
    expect(repo.git('status', '--porcelain')).toBe('M src/a.ts')
  })

  it('refuses what cannot work, with one clear line each and exit 2', async () => {
    repo = createTmpRepo(FILES)
    const cases: Array<[string[], boolean, string]> = [
      [[], false, 'prod-fix: no terminal to review the fixes in: pass --yes to apply every fix, or --dry-run to only show them'],
      [['--json'], true, 'prod-fix: --json needs --yes when applying: the review prompts would mix with the report (or use --dry-run --json)'],
      [['--yes', '--no-branch', '--pr'], false, 'prod-fix: --push and --pr need a branch: leave out --no-branch'],
    ]
    for (const [args, interactive, message] of cases) {
      const run = await runCli([...ONLY, ...args, repo.root], { interactive })
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(message)
    }
    repo.write('src/a.ts', 'edited\n')
    const dirty = await runCli(['--yes', ...ONLY, repo.root])
    expect(dirty.code).toBe(2)
    expect(dirty.stderr).toContain('prod-fix: the working tree has uncommitted changes (src/a.ts). Commit or stash them first, or pass --allow-dirty')
    expect(repo.git('branch', '--format=%(refname:short)')).toBe('main')
  })
})
