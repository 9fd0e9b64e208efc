import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTmpRepo, GIT_ENV, type TmpRepo } from '../helpers/tmp-repo.js'

// The built binary (vitest's globalSetup builds dist/ once), driven through a real pseudo-terminal.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'prod-fix.js')
const DRIVER = join(import.meta.dirname, 'drive-pty.py')
const ONLY = ['--only', 'gitignore-env,prisma-error-format,console-logger']

const FILES = {
  '.gitignore': 'node_modules\n',
  'package.json': '{ "name": "pty-app", "type": "module", "dependencies": { "@prisma/client": "5.0.0" } }\n',
  'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n",
  'src/users.ts': "import { prisma } from './lib/prisma'\n\nexport async function countUsers() {\n  const n = await prisma.user.count()\n  console.log('users', n)\n  return n\n}\n",
}

let repo: TmpRepo
afterEach(() => repo?.cleanup())

function drive(answers: Record<string, string | number>, args: string[] = []): { output: string; code: number } {
  const result = spawnSync('python3', [DRIVER, JSON.stringify(answers), '--', process.execPath, BIN, repo.root, ...ONLY, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' },
    timeout: 120_000,
  })
  const match = /\nEXIT (-?\d+)\n$/.exec(result.stdout)
  if (!match) throw new Error(`the pty driver did not finish: ${result.stderr}\n${result.stdout}`)
  return { output: result.stdout, code: Number(match[1]) }
}

describe('interactive review in a terminal (built binary)', () => {
  it('accepting the fixes of 2 transforms and rejecting the rest makes exactly 2 commits and leaves main alone', () => {
    repo = createTmpRepo(FILES)
    const main = repo.git('rev-parse', 'main')
    const { output, code } = drive({ 'gitignore-env': 'a', 'prisma-error-format': 'a' })
    expect(code).toBe(0)
    // Every fix was shown with its counter, heading, diff and the keys; console-logger's were rejected.
    expect(output).toMatch(/\[1\/\d+\] ● Ignore \.env files in git {2}gitignore-env · high · audit: /)
    expect(output).toMatch(/Apply this fix\? \(3\/\d+\)/)
    expect(output).toContain("+export const prisma = new PrismaClient({ errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty' })")
    expect(output).toContain('t  accept all remaining console-logger fixes')
    expect(output).toContain('q  quit: keep what was accepted so far, skip the rest')
    const branch = repo.git('symbolic-ref', '--short', 'HEAD')
    expect(branch).toMatch(/^prod-fix\/\d{4}-\d{2}-\d{2}$/)
    expect(repo.subjects(`main..${branch}`)).toEqual(['fix(prisma-error-format): Use the minimal Prisma error format in production', 'fix(gitignore-env): Ignore .env files in git'])
    expect(repo.git('rev-parse', 'main')).toBe(main)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.read('src/users.ts')).toBe(FILES['src/users.ts'])
    expect(output).toContain(`You are on ${branch} now`)
  })

  it('Ctrl-C at a prompt ends cleanly: nothing applied, no branch, the repository as it was', () => {
    repo = createTmpRepo(FILES)
    const { output, code } = drive({ 'gitignore-env': 'a', cancel_at: 2 })
    expect(code).toBe(2)
    expect(output).toContain('Cancelled: nothing was applied; the repository is as it was.')
    expect(repo.git('branch', '--format=%(refname:short)')).toBe('main')
    expect(repo.git('status', '--porcelain')).toBe('')
  })

  it('refuses to apply without a terminal unless --yes', () => {
    repo = createTmpRepo(FILES)
    const result = spawnSync(process.execPath, [BIN, repo.root, ...ONLY], { encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, input: '' })
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe('prod-fix: no terminal to review the fixes in: pass --yes to apply every fix, or --dry-run to only show them')
    expect(repo.git('branch', '--format=%(refname:short)')).toBe('main')
  })
})
