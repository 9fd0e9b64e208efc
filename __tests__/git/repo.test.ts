import { afterEach, describe, expect, it } from 'vitest'
import { assertReady, inspectRepo, maskUrlCredentials, openGit } from '../../src/git/repo.js'
import { createTmpRepo, type TmpRepo } from '../helpers/tmp-repo.js'

let repo: TmpRepo
afterEach(() => repo?.cleanup())

describe('inspectRepo', () => {
  it('lists what git status --porcelain lists: changes and untracked files, not ignored ones', async () => {
    repo = createTmpRepo({ '.gitignore': '.env\n', 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' })
    repo.write('.env', 'SECRET=1\n')
    repo.write('src/a.ts', 'changed\n')
    repo.write('src/new/c.ts', 'c\n')
    repo.git('rm', '--quiet', 'src/b.ts')
    const state = await inspectRepo(openGit(repo.root), repo.root)
    expect(state).toMatchObject({ branch: 'main', hasCommits: true, inProgress: undefined, prefix: '' })
    expect(state.dirty).toEqual([
      { code: ' M', path: 'src/a.ts' },
      { code: 'D ', path: 'src/b.ts' },
      { code: '??', path: 'src/new/c.ts' },
    ])
    expect(() => assertReady(state, { allowDirty: false })).toThrow('the working tree has uncommitted changes (src/a.ts, src/b.ts, src/new/c.ts).')
    expect(() => assertReady(state, { allowDirty: true })).toThrow("staged changes would go into prod-fix's commits (src/b.ts)")
  })

  it('knows the prefix of a subdirectory and a rebase in progress', async () => {
    repo = createTmpRepo({ 'pkg/api/index.ts': 'x\n' })
    expect((await inspectRepo(openGit(`${repo.root}/pkg/api`), `${repo.root}/pkg/api`)).prefix).toBe('pkg/api/')
    repo.git('switch', '--quiet', '-c', 'side')
    repo.write('pkg/api/index.ts', 'side\n')
    repo.git('commit', '--quiet', '-am', 'side')
    repo.git('switch', '--quiet', 'main')
    repo.write('pkg/api/index.ts', 'main\n')
    repo.git('commit', '--quiet', '-am', 'main')
    repo.git('switch', '--quiet', 'side')
    expect(() => repo.git('rebase', '--quiet', 'main')).toThrow()
    const state = await inspectRepo(openGit(repo.root), repo.root)
    expect(state.inProgress).toBe('rebase')
    expect(() => assertReady(state, { allowDirty: true })).toThrow('a rebase is in progress: finish it (git rebase --continue) or abort it (git rebase --abort), then run prod-fix again.')
  })

  it('refuses a repository without commits', async () => {
    repo = createTmpRepo({})
    repo.git('checkout', '--quiet', '--orphan', 'fresh')
    repo.git('rm', '-rq', '--cached', '--ignore-unmatch', '.')
    const state = await inspectRepo(openGit(repo.root), repo.root)
    expect(() => assertReady(state, { allowDirty: false })).toThrow('the repository has no commits yet')
  })
})

describe('maskUrlCredentials', () => {
  it('hides user:token@ in any URL', () => {
    expect(maskUrlCredentials("fatal: unable to access 'https://x-access-token:ghp_abc@github.com/a/b.git/'")).toBe("fatal: unable to access 'https://***@github.com/a/b.git/'")
  })
})
