import { mkdirSync, rmSync, symlinkSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { createTmpRepo, type TmpRepo } from '../helpers/tmp-repo.js'

const AUDIT = join(import.meta.dirname, '..', '..', '__testfixtures__', 'audits', 'blockers-first.md')
const PASSWORD = 'Zq8vL2pX9wR4tY6u'
const files = {
  '.gitignore': 'node_modules/\n',
  '.env': `DATABASE_URL=postgresql://app:${PASSWORD}@db.internal:5432/app\n`,
  'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@prisma/client': '5.0.0' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022'], module: 'ES2022', moduleResolution: 'bundler', types: [] }, include: ['src'] }),
  'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n",
  'node_modules/@prisma/client/index.d.ts': 'export declare class PrismaClient { constructor(options?: { errorFormat?: string }) }\n',
  'node_modules/@prisma/client/package.json': '{"name":"@prisma/client","types":"index.d.ts"}',
}

const repos: TmpRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})
function repo(withTypescript: boolean): TmpRepo {
  const tmp = createTmpRepo(files)
  repos.push(tmp)
  if (withTypescript) symlinkSync(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), join(tmp.root, 'node_modules', 'typescript'), 'dir')
  return tmp
}

describe('--audit, --sarif and --verify on the command line', { timeout: 120_000 }, () => {
  it('adds the audit checklist and readiness to a dry run, in JSON and in text', async () => {
    const { root } = repo(false)
    const json = await runCli(['--dry-run', '--json', '--audit', AUDIT, root])
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(Object.keys(report.audit[0])).toEqual(['finding', 'severity', 'status', 'transforms', 'reason', 'left', 'category', 'line', 'files'])
    const byFinding = Object.fromEntries(report.audit.map((e: { finding: string; status: string }) => [e.finding, e.status]))
    expect(byFinding).toMatchObject({
      'Live secrets are checked into the repository': 'proposed',
      'Errors from the ORM are rendered for humans': 'proposed',
      'A route module builds a second Prisma client': 'not-applicable',
      'Nobody has load-tested the service': 'manual',
    })
    expect(report.readiness.basis).toBe('audit')
    expect(json.stdout).not.toContain(PASSWORD)

    const text = await runCli(['--dry-run', '--no-color', '--audit', AUDIT, root])
    expect(text.stdout).toContain('Audit checklist: Go-live review: booking API')
    expect(text.stdout).toContain('▲ manual   high     Nobody has load-tested the service')
    expect(text.stdout).toMatch(/score: \d+ before, \d+ after \(if applied\)/)
    expect(text.stdout).not.toContain(PASSWORD)
  })

  it('writes a SARIF file next to a dry run', async () => {
    const { root } = repo(false)
    const out = join(root, 'out', 'prod-fix.sarif')
    mkdirSync(dirname(out))
    expect((await runCli(['--dry-run', '--json', '--sarif', out, root])).code).toBe(0)
    const sarif = JSON.parse(readFileSync(out, 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results.length).toBeGreaterThan(0)
    expect(readFileSync(out, 'utf8')).not.toContain(PASSWORD)
  })

  it('says clearly when the audit file is missing or SARIF cannot be written', async () => {
    const { root } = repo(false)
    expect(await runCli(['--dry-run', '--audit', 'no-such-audit.md', root])).toEqual({ code: 2, stdout: '', stderr: 'prod-fix: --audit no-such-audit.md: cannot read it (ENOENT)' })
    const blocked = join(root, 'package.json', 'x.sarif')
    expect((await runCli(['--dry-run', '--sarif', blocked, root])).stderr).toBe(`prod-fix: --sarif ${blocked}: cannot write it (ENOTDIR)`)
  })

  it('type-checks an apply to the working tree, and reports the audit findings as fixed', async () => {
    const { root, write } = repo(true)
    write('src/env.d.ts', 'declare const process: { env: Record<string, string | undefined> }\n')
    const run = await runCli(['--yes', '--no-branch', '--json', '--only', 'prisma-error-format', '--audit', AUDIT, root])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.verification).toEqual({ verified: true, command: 'tsc --noEmit -p tsconfig.json', reason: null, failed: [] })
    expect(report.fixes.map((f: { status: string }) => f.status)).toEqual(['applied'])
    expect(report.audit.find((e: { finding: string }) => e.finding === 'Errors from the ORM are rendered for humans').status).toBe('fixed')
    expect(readFileSync(join(root, 'src/lib/prisma.ts'), 'utf8')).toContain("'minimal'")
  })

  it('reverts a fix that breaks the type check (here: process without @types/node) and says why', async () => {
    const { root } = repo(true)
    const before = readFileSync(join(root, 'src/lib/prisma.ts'), 'utf8')
    const run = await runCli(['--yes', '--no-branch', '--json', '--only', 'prisma-error-format', '--audit', AUDIT, root])
    const report = JSON.parse(run.stdout)
    expect(report.fixes.map((f: { status: string }) => f.status)).toEqual(['failed'])
    expect(report.verification.failed).toEqual([
      {
        transform: 'prisma-error-format',
        file: 'src/lib/prisma.ts',
        errors: [expect.stringMatching(/^src\/lib\/prisma\.ts:3 TS2591 Cannot find name 'process'/)],
      },
    ])
    expect(report.audit.find((e: { finding: string }) => e.finding === 'Errors from the ORM are rendered for humans')).toMatchObject({ status: 'manual' })
    expect(readFileSync(join(root, 'src/lib/prisma.ts'), 'utf8')).toBe(before)
    const text = await runCli(['--yes', '--no-branch', '--no-color', '--only', 'prisma-error-format', root])
    expect(text.stdout).toContain('✖ Reverted prisma-error-format in src/lib/prisma.ts: it adds type errors:')
  })

  it('reports the audit and writes SARIF after committing on a branch', async () => {
    const tmp = repo(false)
    const out = join(tmp.root, '..', `${tmp.root.split('/').pop()}.sarif`)
    const run = await runCli(['--yes', '--json', '--only', 'prisma-error-format', '--audit', AUDIT, '--sarif', out, tmp.root])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.branch).toMatch(/^prod-fix\//)
    expect(report.audit.find((e: { finding: string }) => e.finding === 'Errors from the ORM are rendered for humans').status).toBe('fixed')
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results[0].properties.status).toBe('applied')
    rmSync(out)
  })

  it('says once that it cannot type-check, and applies; --no-verify skips the check', async () => {
    const first = repo(false)
    const run = await runCli(['--yes', '--no-branch', '--no-color', '--only', 'prisma-error-format', first.root])
    expect(run.code).toBe(0)
    expect(run.stdout.match(/not type-checked: TypeScript is not installed in its node_modules/g)).toHaveLength(1)
    const second = repo(true)
    writeFileSync(join(second.root, 'tsconfig.json'), '{ not json')
    const skipped = await runCli(['--yes', '--no-branch', '--json', '--no-verify', '--only', 'prisma-error-format', second.root])
    expect(JSON.parse(skipped.stdout).verification).toBeUndefined()
  })
})
