import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseRepoList, parseShard, selectShard } from '../../src/batch/repo-list.js'
import { runCli } from '../helpers/cli.js'
import { addBareRemote, createTmpRepo, GIT_ENV, tmpDir } from '../helpers/tmp-repo.js'
import { startFakeGitHub, type FakeGitHub } from '../pr/fake-github.js'

const PRISMA = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n"
const FIXED = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty' })\n"

interface Report {
  repositories: Array<{ repo: string; status: string; fixes: number; pr: string | null; error: string | null; errors: Array<{ file: string }>; resumed: boolean }>
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

  let github: FakeGitHub | undefined
  afterEach(async () => {
    await github?.close()
    delete process.env.GITHUB_TOKEN
  })

  it('--pr opens one pull request per repository, and a re-run only updates the one whose base moved', async () => {
    github = await startFakeGitHub({ owner: 'acme', repo: '*', token: 'batch-token', anyRepository: true })
    process.env.GITHUB_TOKEN = 'batch-token'
    const repos = ['billing', 'orders', 'search'].map((name) => {
      const repo = createTmpRepo({ 'src/db.ts': PRISMA })
      const bare = addBareRemote(repo)
      // The remote looks like GitHub; git pushes to the local bare repository instead.
      const url = `https://github.example/acme/${name}.git`
      repo.git('remote', 'set-url', 'origin', url)
      repo.git('config', `url.${bare}.insteadOf`, url)
      return repo
    })
    const dir = tmpDir('prod-fix-batch-pr-')
    const list = join(dir, 'repos.txt')
    writeFileSync(list, repos.map((r) => r.root).join('\n'))
    const args = ['batch', list, '--yes', '--pr', '--branch', 'prod-fix/audit', '--only', 'prisma-error-format', '--api-url', github.url, '--workdir', join(dir, 'work'), '--json']
    const first = await runCli(args)
    expect(first.code).toBe(0)
    const opened = (JSON.parse(first.stdout) as Report).repositories
    expect(opened.map((r) => [r.status, r.pr])).toEqual(['billing', 'orders', 'search'].map((name) => ['pr-opened', `https://github.example/acme/${name}/pull/1`]))
    expect(github.pulls.map((p) => [p.repo, p.head, p.base]).sort()).toEqual(['billing', 'orders', 'search'].map((name) => [`acme/${name}`, 'prod-fix/audit', 'main']))

    // orders' main moves on with a new problem; the others are unchanged.
    repos[1]!.git('switch', '--quiet', 'main')
    repos[1]!.write('src/replica.ts', PRISMA)
    repos[1]!.git('add', 'src/replica.ts')
    repos[1]!.git('commit', '--quiet', '-m', 'read replica')
    const second = (JSON.parse((await runCli(args)).stdout) as Report).repositories
    expect(second.map((r) => [r.status, r.resumed])).toEqual([
      ['pr-opened', true],
      ['pr-updated', false],
      ['pr-opened', true],
    ])
    expect(github.pulls).toHaveLength(3)
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
