import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runWorkflow, type WorkflowOptions } from '../../src/workflow/index.js'
import { startFakeGitHub, type FakeGitHub } from '../pr/fake-github.js'
import { addBareRemote, createTmpRepo, GIT_ENV, rejectPushes, tmpDir, type TmpRepo } from '../helpers/tmp-repo.js'
import { markTodo, SECRET, TEST_TRANSFORMS, untrackEnv } from './test-transforms.js'

const BRANCH = 'prod-fix/2026-01-02'
const FILES = { 'a.txt': 'todo one\n', 'b.txt': 'todo two\n', '.env': `STRIPE_KEY=${SECRET}\n` }
const TOKEN = 'ghp_testtoken'

let repo: TmpRepo
let bare: string
let github: FakeGitHub

beforeEach(async () => {
  repo = createTmpRepo(FILES)
  bare = addBareRemote(repo)
  github = await startFakeGitHub({ owner: 'acme', repo: 'api', token: TOKEN })
})
afterEach(async () => {
  repo.cleanup()
  rmSync(bare, { recursive: true, force: true })
  await github.close()
})

const remoteSha = (ref: string): string => execFileSync('git', ['--git-dir', bare, 'rev-parse', ref], { encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()
const options = (extra: Partial<WorkflowOptions> = {}): WorkflowOptions => ({
  root: repo.root,
  transforms: TEST_TRANSFORMS,
  now: new Date(2026, 0, 2),
  pr: true,
  forge: 'github',
  repo: 'acme/api',
  apiUrl: github.url,
  env: { GITHUB_TOKEN: TOKEN },
  returnToOriginal: true,
  ...extra,
})
const calls = (): string[] => github.requests.map((r) => `${r.method} ${r.path}`)

describe('--pr against a local remote and a local GitHub API', () => {
  it('pushes the branch and opens one pull request; a re-run with new fixes adds commits and updates it', async () => {
    const first = await runWorkflow(options({ transforms: [untrackEnv, markTodo] }))
    expect(first.status).toBe('pr-opened')
    expect(first.pr).toEqual({ number: 1, url: 'https://github.example/acme/api/pull/1', action: 'created' })
    expect(remoteSha(BRANCH)).toBe(repo.git('rev-parse', BRANCH))
    expect(repo.git('rev-parse', '--abbrev-ref', `${BRANCH}@{upstream}`)).toBe(`origin/${BRANCH}`)
    expect(calls()).toEqual(['GET /repos/acme/api', `GET /repos/acme/api/pulls?head=acme%3A${encodeURIComponent(BRANCH)}&state=open&per_page=10`, 'POST /repos/acme/api/pulls'])
    expect(github.requests[2]!.body).toMatchObject({ head: BRANCH, base: 'main', draft: false, title: 'Production-readiness fixes from prod-fix (2 kinds of fix)' })
    const [pull] = github.pulls
    expect(pull!.body).toContain('| `untrack-env` | `.env` (no longer tracked by git) | critical | Credentials committed to git |')
    expect(pull!.body).toContain('| `mark-todo` | `a.txt` | high | Lower-case todo markers |')
    expect(pull!.body).toContain('- [ ] **critical** `.env:1`: Rotate STRIPE_KEY (sk****): it is in git history (`untrack-env`)')
    expect(pull!.body).not.toContain(SECRET)
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main')

    const second = await runWorkflow(options())
    expect(second.status).toBe('pr-updated')
    expect(second.commits.map((c) => c.transform)).toEqual(['add-footer'])
    expect(github.pulls).toHaveLength(1)
    expect(calls().slice(3)).toEqual(['GET /repos/acme/api', `GET /repos/acme/api/pulls?head=acme%3A${encodeURIComponent(BRANCH)}&state=open&per_page=10`, 'PATCH /repos/acme/api/pulls/1'])
    // The refreshed body lists the fixes of both runs, read back from the branch's commits.
    expect(github.pulls[0]!.body).toContain('| `mark-todo` | `b.txt` | high |')
    expect(github.pulls[0]!.body).toContain('| `add-footer` | `b.txt` | low | Text files without a footer |')
    expect(remoteSha(BRANCH)).toBe(repo.git('rev-parse', BRANCH))
  })

  it('updates the pull request when creating it answers 422 "A pull request already exists"', async () => {
    github.pulls.push({ repo: 'acme/api', number: 7, head: BRANCH, base: 'main', title: 'old', body: 'old body', draft: false, state: 'open' })
    github.hideOpenPullsOnce()
    const result = await runWorkflow(options())
    expect(result.status).toBe('pr-updated')
    expect(result.pr?.number).toBe(7)
    expect(calls().slice(-3)).toEqual(['POST /repos/acme/api/pulls', `GET /repos/acme/api/pulls?head=acme%3A${encodeURIComponent(BRANCH)}&state=open&per_page=10`, 'PATCH /repos/acme/api/pulls/7'])
    expect(github.pulls[0]!.title).toBe('old')
    expect(github.pulls[0]!.body).toContain('### Applied fixes')
  })

  it('a rejected token fails before anything is changed', async () => {
    const result = await runWorkflow(options({ env: { GH_TOKEN: 'ghp_revoked' } }))
    expect(result.status).toBe('failed')
    expect(result.error?.step).toBe('check')
    expect(result.error?.message).toBe('the GitHub API rejected the token (401: Bad credentials): check GITHUB_TOKEN or GH_TOKEN')
    expect(repo.git('branch', '--list', BRANCH)).toBe('')
  })

  it('a missing token says which variables to set', async () => {
    const result = await runWorkflow(options({ env: {} }))
    expect(result.error?.message).toMatch(/^--pr needs a token to open the pull request on acme\/api: set GITHUB_TOKEN or GH_TOKEN/)
    expect(github.requests).toHaveLength(0)
  })

  it('a 5xx keeps the pushed branch and says how to retry; the retry opens the pull request without new commits', async () => {
    github.failNext('POST', /\/pulls$/, 502, { message: 'Server Error' })
    const failed = await runWorkflow(options())
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatchObject({ step: 'pr', message: 'the GitHub API failed (502: Server Error)' })
    expect(failed.pushed).toBe(true)
    expect(remoteSha(BRANCH)).toBe(repo.git('rev-parse', BRANCH))
    expect(failed.messages).toContain(`The branch ${BRANCH} is pushed to origin, but the pull request was not opened or updated.`)
    expect(failed.messages).toContain('Run prod-fix --pr again: it reuses the branch and opens or updates the pull request.')

    const retry = await runWorkflow(options())
    expect(retry.status).toBe('pr-opened')
    expect(retry.commits).toEqual([])
    expect(github.pulls[0]!.body).toContain('| `add-footer` | `a.txt` | low |')
  })

  it('reports an exhausted rate limit with its reset time', async () => {
    const reset = Math.floor(Date.UTC(2030, 0, 1, 12, 30) / 1000)
    github.failNext('POST', /\/pulls$/, 403, { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/rate-limit' }, {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(reset),
    })
    const result = await runWorkflow(options())
    expect(result.error?.message).toMatch(/^the GitHub API rate limit is exhausted; it resets at 12:30 UTC \(in about \d+ min\) \(403: API rate limit exceeded for user ID 1\.\)$/)
    expect(result.messages).toContain('Run prod-fix --pr again once the rate limit resets: it reuses the branch and opens or updates the pull request.')
  })

  it('reports an API it cannot reach', async () => {
    await github.close()
    const result = await runWorkflow(options())
    expect(result.error?.step).toBe('check')
    expect(result.error?.message).toMatch(/^could not reach the GitHub API \(.*ECONNREFUSED.*\)$/)
    github = await startFakeGitHub({ owner: 'acme', repo: 'api', token: TOKEN })
  })
})

describe('--push', () => {
  it('pushes the branch with its upstream set and opens nothing', async () => {
    const result = await runWorkflow(options({ pr: false, push: true, env: {} }))
    expect(result.status).toBe('pushed')
    expect(remoteSha(BRANCH)).toBe(repo.git('rev-parse', BRANCH))
    expect(github.requests).toHaveLength(0)
  })

  it('continues the branch an earlier run pushed when working from a fresh clone', async () => {
    await runWorkflow(options({ pr: false, push: true, transforms: [markTodo] }))
    const clone = tmpDir()
    execFileSync('git', ['clone', '--quiet', bare, clone], { env: { ...process.env, ...GIT_ENV } })
    const result = await runWorkflow({ ...options({ pr: false, push: true }), root: clone })
    rmSync(clone, { recursive: true, force: true })
    expect(result.status).toBe('pushed')
    expect(result.commits.map((c) => c.transform)).toEqual(['untrack-env', 'add-footer'])
    const pushed = execFileSync('git', ['--git-dir', bare, 'log', '--format=%s', `main..${BRANCH}`], { encoding: 'utf8' }).trim().split('\n')
    expect(pushed).toEqual(['fix(add-footer): End text files with a footer', 'fix(untrack-env): Stop tracking the committed .env', 'fix(mark-todo): Capitalise todo markers'])
  })

  it('a rejected push keeps the branch and its commits locally and says how to retry', async () => {
    rejectPushes(bare)
    const result = await runWorkflow(options({ pr: false, push: true }))
    expect(result.status).toBe('failed')
    expect(result.error?.step).toBe('push')
    expect(result.error?.message).toContain('the remote refused the branch (a server-side hook declined it)')
    expect(result.error?.message).toContain('pushes are frozen for this test')
    expect(repo.subjects(`main..${BRANCH}`)).toHaveLength(3)
    expect(result.messages).toEqual(
      expect.arrayContaining([`The branch ${BRANCH} and its commits are kept locally (3 new this run); nothing was pushed.`, `Retry with "git push --set-upstream origin ${BRANCH}", or run prod-fix --push again.`]),
    )
  })

  it('without a remote, fails before changing anything', async () => {
    repo.git('remote', 'remove', 'origin')
    const result = await runWorkflow(options({ pr: false, push: true }))
    expect(result.error?.message).toBe('the repository has no remote to push to: add one with "git remote add origin <url>", or leave out --push/--pr.')
    expect(repo.git('branch', '--list', BRANCH)).toBe('')
  })
})
