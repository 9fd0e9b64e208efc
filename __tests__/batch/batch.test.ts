import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseRepoList, parseShard, selectShard } from '../../src/batch/repo-list.js'
import { runCli } from '../helpers/cli.js'
import { addBareRemote, createTmpRepo, GIT_ENV, tmpDir } from '../helpers/tmp-repo.js'

const PRISMA = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n"
const FIXED = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty' })\n"

interface Report {
  repositories: Array<{ repo: string; status: string; fixes: number; error: string | null; errors: Array<{ file: string }>; resumed: boolean }>
  summary: Record<string, number>
}

/** Five repositories: fixable, clean, fixable with a syntax error elsewhere, a remote that rejects pushes, and a clone URL. */
function fleet(): { list: string; workdir: string; bare: Record<string, string> } {
  const dir = tmpDir('prod-fix-batch-')
  const fixable = createTmpRepo({ 'src/db.ts': PRISMA })
  const clean = createTmpRepo({ 'src/index.ts': 'export const answer = 42\n' })
  const broken = createTmpRepo({ 'src/db.ts': PRISMA, 'src/broken.ts': "new PrismaClient({ errorFormat: 'pretty' \n" })
  const frozen = createTmpRepo({ 'src/db.ts': PRISMA })
  const upstream = createTmpRepo({ 'lib/db.ts': PRISMA })
  const bare = {
    fixable: addBareRemote(fixable),
    clean: addBareRemote(clean),
    broken: addBareRemote(broken),
    frozen: addBareRemote(frozen, { rejectPushes: true }),
    upstream: addBareRemote(upstream),
  }
  const list = join(dir, 'repos.txt')
  writeFileSync(list, [`# services`, fixable.root, clean.root, `${broken.root}  # has a syntax error`, frozen.root, `file://${bare.upstream}#main`, ''].join('\n'))
  return { list, workdir: join(dir, 'work'), bare }
}

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()

describe('prod-fix batch', () => {
  it('fixes every repository it can, reports the others, and resumes', async () => {
    const { list, workdir, bare } = fleet()
    const args = ['batch', list, '--yes', '--push', '--branch', 'prod-fix/batch', '--only', 'prisma-error-format', '--workdir', workdir, '--concurrency', '3', '--json']
    const first = await runCli(args)
    expect(first.code).toBe(1)
    const report = JSON.parse(first.stdout) as Report
    expect(report.repositories.map((r) => [r.status, r.fixes, r.resumed])).toEqual([
      ['pushed', 1, false],
      ['no-changes', 0, false],
      ['pushed', 1, false],
      ['failed', 1, false],
      ['pushed', 1, false],
    ])
    expect(report.repositories[2]!.errors.map((e) => e.file)).toEqual(['src/broken.ts'])
    expect(report.repositories[3]!.error).toMatch(/push/i)
    expect(report.summary).toMatchObject({ repositories: 5, failed: 1 })
    // The pushed branches hold the fix; the upstream clone URL's remote got its branch too.
    expect(git(bare.fixable, 'show', 'prod-fix/batch:src/db.ts') + '\n').toBe(FIXED)
    expect(git(bare.upstream, 'show', 'prod-fix/batch:lib/db.ts') + '\n').toBe(FIXED)

    // A second run skips the finished repositories and retries the failed one.
    const second = JSON.parse((await runCli(args)).stdout) as Report
    expect(second.repositories.map((r) => [r.status, r.resumed])).toEqual([
      ['pushed', true],
      ['no-changes', true],
      ['pushed', true],
      ['failed', false],
      ['pushed', true],
    ])
  })

  it('dry run by default, with a summary table and exit 0', async () => {
    const { list, workdir } = fleet()
    const run = await runCli(['batch', list, '--only', 'prisma-error-format', '--workdir', workdir])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/repository\s+status\s+fixes\s+findings/)
    expect(run.stdout).toContain('5 repositories: 5 succeeded, 0 failed.')
    expect(run.stdout.split('\n').filter((line) => /\sdry-run\s/.test(line))).toHaveLength(4)
    expect(run.stderr).toMatch(/^\[\d\/5\] .+: planning$/m)
  })

  it('shards split the list deterministically and completely', () => {
    const entries = parseRepoList(Array.from({ length: 40 }, (_, i) => `git@github.com:acme/service-${i}.git`).join('\n'), '/tmp/list.txt')
    const shards = [1, 2, 3].map((index) => selectShard(entries, { index, count: 3 }).map((e) => e.spec))
    expect(shards.flat().sort()).toEqual(entries.map((e) => e.spec).sort())
    expect(shards.every((s) => s.length > 5)).toBe(true)
    // A repository keeps its shard when others are added to the list.
    const grown = parseRepoList([...entries.map((e) => e.spec), 'https://example.com/new.git'].join('\n'), '/tmp/list.txt')
    expect(selectShard(grown, { index: 2, count: 3 }).map((e) => e.spec).filter((s) => s !== 'https://example.com/new.git')).toEqual(shards[1])
  })

  it('parses lists: comments, #branch, relative paths; bad lines name the line', () => {
    expect(parseRepoList('# all\n\n./svc#develop\nhttps://example.com/a.git # api\n', '/lists/repos.txt')).toEqual([
      { spec: './svc#develop', location: '/lists/svc', branch: 'develop', remote: false },
      { spec: 'https://example.com/a.git', location: 'https://example.com/a.git', branch: undefined, remote: true },
    ])
    expect(() => parseRepoList('a b\n', '/l.txt')).toThrow('/l.txt:1: expected one repository per line, got "a b"')
    expect(() => parseRepoList('x\nx\n', '/l.txt')).toThrow('/l.txt:2: x is listed twice')
    expect(() => parseShard('3/2')).toThrow('--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "3/2"')
  })
})
