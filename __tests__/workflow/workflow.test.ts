import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PromptCancelled } from '../../src/prompts/index.js'
import type { ReviewDecisions } from '../../src/prompts/review.js'
import { runWorkflow, type WorkflowOptions } from '../../src/workflow/index.js'
import { createTmpRepo, installHook, tmpDir, type TmpRepo } from '../helpers/tmp-repo.js'
import { addFooter, markTodo, SECRET, TEST_TRANSFORMS } from './test-transforms.js'

const NOW = new Date(2026, 0, 2)
const BRANCH = 'prod-fix/2026-01-02'
const FILES = { 'a.txt': 'todo one\n', 'b.txt': 'todo two\n', '.env': `STRIPE_KEY=${SECRET}\n`, 'README.md': '# app\n' }

let repo: TmpRepo
afterEach(() => repo?.cleanup())

const options = (extra: Partial<WorkflowOptions> = {}): WorkflowOptions => ({ root: repo.root, transforms: TEST_TRANSFORMS, now: NOW, ...extra })
const decide = (accept: (id: string) => boolean) => async (fixes: readonly { id: string }[]): Promise<ReviewDecisions> => ({
  accepted: new Set(fixes.filter((f) => accept(f.id)).map((f) => f.id)),
  rejected: new Set(fixes.filter((f) => !accept(f.id)).map((f) => f.id)),
  unreviewed: new Set(),
  quit: false,
})

describe('runWorkflow: branch and commits', () => {
  it('commits each transform separately on prod-fix/<date>, untracks .env in its commit, and leaves main alone', async () => {
    repo = createTmpRepo(FILES)
    const main = repo.git('rev-parse', 'main')
    const result = await runWorkflow(options())
    expect(result.status).toBe('committed')
    expect(result.branch).toBe(BRANCH)
    expect(result.currentBranch).toBe(BRANCH)
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe(BRANCH)
    expect(repo.git('rev-parse', 'main')).toBe(main)
    expect(repo.subjects(`main..${BRANCH}`)).toEqual([
      'fix(add-footer): End text files with a footer',
      'fix(mark-todo): Capitalise todo markers',
      'fix(untrack-env): Stop tracking the committed .env',
    ])
    // The untracking is part of the untrack-env commit, with .gitignore and .env.example.
    const envCommit = result.commits.find((c) => c.transform === 'untrack-env')!
    expect(repo.git('show', '--name-status', '--format=', envCommit.sha).split('\n').sort()).toEqual(['A\t.env.example', 'A\t.gitignore', 'D\t.env'])
    expect(existsSync(join(repo.root, '.env'))).toBe(true)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.read('a.txt')).toBe('TODO one\n-- end\n')
    const bodies = repo.git('log', '--format=%B', `main..${BRANCH}`)
    expect(bodies).toContain('Audit finding: Credentials committed to git (secrets), severity critical.')
    expect(bodies).toContain('- .env (no longer tracked by git; the file stays on disk)')
    expect(bodies).toContain('Needs a human:\n- .env:1: Rotate STRIPE_KEY (sk****): it is in git history')
    expect(bodies).not.toContain(SECRET)
    expect(result.fixes.map((f) => f.status)).toEqual(Array(7).fill('applied'))
    expect(result.messages.join('\n')).toContain(`You are on ${BRANCH} now`)
    expect(result.messages.join('\n')).not.toContain(SECRET)
  })

  it('re-plans without rejected fixes so later transforms build on the text without them', async () => {
    repo = createTmpRepo(FILES)
    const result = await runWorkflow(options({ returnToOriginal: true }), { review: decide((id) => !id.startsWith('mark-todo')) })
    expect(result.status).toBe('committed')
    expect(repo.subjects(`main..${BRANCH}`)).toEqual(['fix(add-footer): End text files with a footer', 'fix(untrack-env): Stop tracking the committed .env'])
    expect(repo.git('show', `${BRANCH}:a.txt`)).toBe('todo one\n-- end')
    expect(result.fixes.filter((f) => f.status === 'rejected').map((f) => f.fix.id)).toEqual(['mark-todo:a.txt', 'mark-todo:b.txt'])
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main')
    expect(repo.read('a.txt')).toBe('todo one\n')
  })

  it('after quit, commits what was accepted and reports the rest as not reviewed', async () => {
    repo = createTmpRepo(FILES)
    const result = await runWorkflow(options(), {
      review: async (fixes) => ({ accepted: new Set([fixes[0]!.id]), rejected: new Set(), unreviewed: new Set(fixes.slice(1).map((f) => f.id)), quit: true }),
    })
    expect(result.status).toBe('committed')
    expect(result.commits.map((c) => [c.transform, c.files])).toEqual([['untrack-env', ['.gitignore']]])
    expect(result.fixes.map((f) => `${f.fix.id} ${f.status}`)).toEqual([
      'untrack-env:.gitignore applied',
      ...['untrack-env:.env', 'untrack-env:.env.example', 'mark-todo:a.txt', 'mark-todo:b.txt', 'add-footer:a.txt', 'add-footer:b.txt'].map((id) => `${id} proposed`),
    ])
    expect(repo.git('ls-files', '.env')).toBe('.env')
  })

  it('adds only new fixes to an existing branch, and says so when there is nothing new', async () => {
    repo = createTmpRepo(FILES)
    await runWorkflow(options({ transforms: [markTodo], returnToOriginal: true }))
    const second = await runWorkflow(options({ transforms: [markTodo, addFooter], returnToOriginal: true }))
    expect(second.status).toBe('committed')
    expect(second.commits.map((c) => c.transform)).toEqual(['add-footer'])
    expect(repo.subjects(`main..${BRANCH}`)).toEqual(['fix(add-footer): End text files with a footer', 'fix(mark-todo): Capitalise todo markers'])
    const third = await runWorkflow(options({ transforms: [markTodo, addFooter] }))
    expect(third.status).toBe('no-changes')
    expect(third.messages).toContain(`Nothing new: branch ${BRANCH} already has every fix prod-fix proposes.`)
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main')
    expect(repo.subjects(`main..${BRANCH}`)).toHaveLength(2)
  })

  it('keeps the commits made before a hook refused one, and puts main and its files back', async () => {
    repo = createTmpRepo(FILES)
    installHook(repo, 'commit-msg', '#!/bin/sh\nif grep -q add-footer "$1"; then echo "no footers here" >&2; exit 1; fi\n')
    const main = repo.git('rev-parse', 'main')
    const result = await runWorkflow(options())
    expect(result.status).toBe('failed')
    expect(result.error?.step).toBe('commit')
    expect(result.error?.message).toContain('no footers here')
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main')
    expect(repo.git('rev-parse', 'main')).toBe(main)
    expect(repo.git('status', '--porcelain')).toBe('')
    for (const [path, text] of Object.entries(FILES)) expect(repo.read(path)).toBe(text)
    expect(repo.subjects(`main..${BRANCH}`)).toHaveLength(2)
    const told = result.messages.join('\n')
    expect(told).toContain('Your branch main and its working tree are as they were')
    expect(told).toContain(`delete the branch with "git branch -D ${BRANCH}"`)
    expect(result.fixes.filter((f) => f.status === 'failed').map((f) => f.fix.id)).toEqual(['add-footer:a.txt', 'add-footer:b.txt'])
  })

  it('removes the branch again when the first commit fails', async () => {
    repo = createTmpRepo(FILES)
    installHook(repo, 'pre-commit', '#!/bin/sh\nexit 1\n')
    const result = await runWorkflow(options())
    expect(result.status).toBe('failed')
    expect(repo.git('branch', '--list', BRANCH)).toBe('')
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(result.messages.join('\n')).toContain('was removed again: nothing was left behind')
  })

  it('ends with nothing applied when the review is cancelled', async () => {
    repo = createTmpRepo(FILES)
    const result = await runWorkflow(options(), {
      review: async () => {
        throw new PromptCancelled()
      },
    })
    expect(result.status).toBe('cancelled')
    expect(repo.git('branch', '--list', BRANCH)).toBe('')
    expect(repo.git('status', '--porcelain')).toBe('')
  })
})

describe('runWorkflow: repository state', () => {
  it('refuses a dirty tree, untracked files included, but not an ignored .env', async () => {
    repo = createTmpRepo({ ...FILES, '.gitignore': '.env.local\n' })
    repo.write('.env.local', `STRIPE_KEY=${SECRET}\n`)
    expect((await runWorkflow(options())).status).toBe('committed')
    repo.git('switch', '--quiet', 'main')
    repo.write('notes.md', 'draft\n')
    const dirty = await runWorkflow(options({ branch: 'other' }))
    expect(dirty.status).toBe('failed')
    expect(dirty.error?.message).toContain('uncommitted changes (notes.md)')
    expect(dirty.error?.message).toContain('--allow-dirty')
  })

  it('with --allow-dirty leaves the changed files alone and keeps them out of the commits', async () => {
    repo = createTmpRepo(FILES)
    repo.write('a.txt', 'todo one, edited\n')
    const result = await runWorkflow(options({ allowDirty: true, returnToOriginal: true }))
    expect(result.status).toBe('committed')
    expect(repo.git('show', `${BRANCH}:a.txt`)).toBe('todo one')
    expect(repo.git('show', `${BRANCH}:b.txt`)).toBe('TODO two\n-- end')
    expect(repo.read('a.txt')).toBe('todo one, edited\n')
    expect(result.fixes.filter((f) => f.status === 'failed').map((f) => f.fix.id)).toEqual(['mark-todo:a.txt', 'add-footer:a.txt'])
  })

  it('refuses staged changes even with --allow-dirty', async () => {
    repo = createTmpRepo(FILES)
    repo.write('README.md', '# staged\n')
    repo.git('add', 'README.md')
    const result = await runWorkflow(options({ allowDirty: true }))
    expect(result.error?.message).toMatch(/^staged changes would go into prod-fix's commits \(README.md\)/)
  })

  it('refuses a detached HEAD, a merge in progress and a folder outside git', async () => {
    repo = createTmpRepo(FILES)
    repo.git('checkout', '--quiet', '--detach')
    expect((await runWorkflow(options())).error?.message).toMatch(/^HEAD is detached/)
    repo.git('switch', '--quiet', '-c', 'side')
    repo.write('README.md', '# side\n')
    repo.git('commit', '--quiet', '-am', 'side')
    repo.git('switch', '--quiet', 'main')
    repo.write('README.md', '# main\n')
    repo.git('commit', '--quiet', '-am', 'main')
    expect(() => repo.git('merge', '--quiet', 'side')).toThrow()
    expect((await runWorkflow(options({ allowDirty: true }))).error?.message).toMatch(/^a merge is in progress: finish it/)
    repo.git('merge', '--abort')
    const outside = tmpDir()
    expect((await runWorkflow({ ...options(), root: outside })).error?.message).toContain('is not inside a git repository')
    rmSync(outside, { recursive: true })
  })
})
