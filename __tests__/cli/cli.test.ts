import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { transforms } from '../../transforms/index.js'
import { runCli } from '../helpers/cli.js'

const PRISMA = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n"

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'prod-fix-cli-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('prod-fix CLI', () => {
  it('prints its version and the transform list from the registry', async () => {
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: version })
    const list = await runCli(['list'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n').map((line) => line.split(/\s+/)[0])).toEqual(transforms.map((t) => t.meta.id))
  })

  it('dry run shows the fix with its metadata and writes nothing', async () => {
    const root = repo({ 'src/db.ts': PRISMA })
    const run = await runCli(['--dry-run', '--only', 'prisma-error-format', root])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('● Use the minimal Prisma error format in production  prisma-error-format · low · audit: Prisma error format not optimized for production')
    expect(run.stdout).toContain("+export const prisma = new PrismaClient({ errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty' })")
    expect(run.stdout).toMatch(/prisma-error-format\s+low\s+1\s+1\s+0/)
    expect(readFileSync(join(root, 'src/db.ts'), 'utf8')).toBe(PRISMA)
  })

  it('--check exits 1 while fixes are pending and 0 after --yes --no-branch applied them', async () => {
    const root = repo({ 'src/db.ts': PRISMA })
    expect(await runCli(['--check', '--only', 'prisma-error-format', root])).toMatchObject({ code: 1, stdout: '' })
    const applied = await runCli(['--yes', '--no-branch', '--json', '--only', 'prisma-error-format', root])
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.stdout).fixes).toEqual([
      { transform: 'prisma-error-format', file: 'src/db.ts', line: 2, title: 'Use the minimal Prisma error format in production', severity: 'low', status: 'applied' },
    ])
    expect(await runCli(['--check', '--only', 'prisma-error-format', root])).toMatchObject({ code: 0, stderr: 'No fixes pending.' })
  })

  it('--json prints only the report, matching the contract', async () => {
    const root = repo({ 'src/db.ts': PRISMA, 'src/broken.ts': "const x = new PrismaClient({ errorFormat: 'pretty' }\n" })
    const run = await runCli(['--dry-run', '--json', '--only', 'prisma-error-format', root])
    const report = JSON.parse(run.stdout)
    expect(Object.keys(report)).toEqual(['tool', 'version', 'root', 'fixes', 'findings', 'errors', 'skipped', 'summary'])
    expect(report).toMatchObject({ tool: 'prod-fix', root, findings: [] })
    expect(report.errors).toEqual([{ file: 'src/broken.ts', message: 'could not parse: line 2, column 1: Unexpected token, expected ","; skipped' }])
    expect(report.summary).toMatchObject({ files_scanned: 2, files_changed: 1, fixes: 1 })
    expect(typeof report.summary.duration_ms).toBe('number')
  })

  it('names a symlink loop, a binary .ts and a file with a syntax error, and fixes the rest', async () => {
    const root = repo({ 'src/db.ts': PRISMA, 'src/broken.ts': 'const x = (\nconsole.log(x)\n' })
    writeFileSync(join(root, 'src', 'logo.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))
    symlinkSync('..', join(root, 'src', 'loop'))
    const human = await runCli(['--dry-run', '--no-color', root])
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('  ℹ src/logo.ts: binary content')
    expect(human.stdout).toContain('  ℹ src/loop: symbolic link, not followed')
    expect(human.stdout).toContain('✖ src/broken.ts: could not parse: line 3, column 1: Unexpected token, expected ","; skipped')
    const report = JSON.parse((await runCli(['--dry-run', '--json', root])).stdout)
    expect(report.skipped).toEqual([{ file: 'src/logo.ts', reason: 'binary' }, { file: 'src/loop', reason: 'symlink' }])
    expect(report.summary.files_skipped).toEqual({ binary: 1, too_large: 0, symlink: 1 })
    expect(report.fixes.map((f: { file: string }) => f.file)).toContain('src/db.ts')
  })

  it.each([
    [['/nonexistent/prod-fix-repo'], 'prod-fix: /nonexistent/prod-fix-repo: no such directory'],
    [['--only', 'nope', '.'], 'prod-fix: --only: unknown transform "nope" (run "prod-fix list" for the ids)'],
    [['--skip', 'secrets,bogus', '.'], 'prod-fix: --skip: unknown transform "bogus" (run "prod-fix list" for the ids)'],
    [['--max-file-size', 'lots', '.'], 'prod-fix: --max-file-size: expected a positive number of bytes, got "lots"'],
  ])('usage error %j → one line, exit 2', async (args, message) => {
    expect(await runCli(['--dry-run', ...args])).toEqual({ code: 2, stdout: '', stderr: message })
  })

  it('rejects a file given as the repository and an unknown flag with exit 2', async () => {
    const root = repo({ 'file.txt': '' })
    expect(await runCli(['--dry-run', join(root, 'file.txt')])).toMatchObject({ code: 2, stderr: `prod-fix: ${join(root, 'file.txt')}: not a directory` })
    const unknown = await runCli(['--frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("error: unknown option '--frobnicate'")
  })

  it.each([
    ['{ "transforms": ', /^prod-fix: prod-fix\.config\.json: not valid JSON/],
    ['{ "transfroms": {} }', /^prod-fix: prod-fix\.config\.json: "transfroms" is not a known setting/],
    ['{ "transforms": { "console-logger": "off" } }', /^prod-fix: prod-fix\.config\.json: "transforms\.console-logger" must be true, false or/],
    ['{ "transforms": { "prisma-error-formats": false } }', /^prod-fix: prod-fix\.config\.json: "transforms\.prisma-error-formats" is not a transform/],
    ['{ "ignore": "dist" }', /^prod-fix: prod-fix\.config\.json: "ignore" must be an array of glob strings$/],
  ])('bad config %s → names the key, exit 2', async (config, message) => {
    const root = repo({ 'prod-fix.config.json': config })
    const run = await runCli(['--dry-run', root])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toContain('    at ')
  })

  it('honours config: disabled transforms and ignore globs', async () => {
    const root = repo({
      'package.json': JSON.stringify({ name: 'x', prodFix: { ignore: ['legacy/**'] } }),
      'src/db.ts': PRISMA,
      'legacy/db.ts': PRISMA,
    })
    const report = JSON.parse((await runCli(['--dry-run', '--json', '--only', 'prisma-error-format', root])).stdout)
    expect(report.fixes.map((f: { file: string }) => f.file)).toEqual(['src/db.ts'])
    writeFileSync(join(root, 'prod-fix.config.json'), JSON.stringify({ transforms: { 'prisma-error-format': false } }))
    const disabled = JSON.parse((await runCli(['--dry-run', '--json', root])).stdout)
    expect(disabled.fixes.filter((f: { transform: string }) => f.transform === 'prisma-error-format')).toEqual([])
  })
})
