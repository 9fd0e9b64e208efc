import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import picomatch from 'picomatch'
import { isAlwaysIgnored, listFiles } from '../../src/engine/files.js'
import { planFixes } from '../../src/engine/plan.js'
import { memorySource } from '../../src/engine/source.js'
import { replacing } from '../helpers/transform.js'

function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'prod-fix-files-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const TREE = {
  '.gitignore': 'ignored.ts\nlogs/\n',
  'src/a.ts': '',
  'src/ignored.ts': '',
  'logs/x.ts': '',
  'node_modules/pkg/index.js': '',
  'dist/index.js': '',
  'node_modules/.prisma/client/index.js': '',
  'src/generated/prisma/index.ts': '',
  'packages/db/.gitignore': 'local.ts\n',
  'packages/db/local.ts': '',
  'packages/db/index.ts': '',
}

describe('listFiles', () => {
  it('walks outside git honouring nested .gitignore files and never reading dependencies or build output', () => {
    const root = makeTree(TREE)
    symlinkSync(root, join(root, 'src', 'loop'))
    symlinkSync('/etc', join(root, 'outside'))
    const listing = listFiles(root)
    expect(listing.isGit).toBe(false)
    expect(listing.files).toEqual(['.gitignore', 'packages/db/.gitignore', 'packages/db/index.ts', 'src/a.ts'])
    expect(listing.symlinks).toEqual(['outside', 'src/loop'])
  })

  it('uses git: tracked files at once, untracked-but-not-ignored ones from a second git process', async () => {
    const root = makeTree(TREE)
    execFileSync('git', ['init', '-q'], { cwd: root })
    execFileSync('git', ['add', '.gitignore', 'src/a.ts'], { cwd: root })
    symlinkSync('/etc/passwd', join(root, 'src', 'link.ts'))
    const listing = listFiles(root, ['packages/**'])
    expect(listing.isGit).toBe(true)
    expect(listing.files).toEqual(['.gitignore', 'src/a.ts'])
    expect([...listing.tracked].sort()).toEqual(['.gitignore', 'src/a.ts'])
    expect(await listing.untracked).toEqual({ files: ['src/link.ts'] })
  })

  it('when git cannot list the untracked files, says so and still reads the tracked ones', async () => {
    const source = memorySource({ 'a.ts': 'const a = 1\n' })
    const list = source.list.bind(source)
    source.list = () => ({ ...list(), untracked: Promise.resolve({ files: [], error: 'fatal: cannot use .git/info/exclude as an exclude file' }) })
    const plan = await planFixes(source, { transforms: [replacing('t', 'a = 1', 'a = 2')] })
    expect(plan.fixes.map((fix) => fix.id)).toEqual(['t:a.ts'])
    expect(plan.errors).toEqual([{ file: '', message: 'could not list the untracked files (git ls-files --others): fatal: cannot use .git/info/exclude as an exclude file; only tracked files were read' }])
  })

  it('adds the untracked files to the plan once git has listed them', async () => {
    const source = memorySource({ 'a.ts': 'const a = 1\n', 'b.ts': 'const a = 1\n' }, ['b.ts'])
    const list = source.list.bind(source)
    source.list = () => ({ ...list(), files: ['a.ts'], untracked: Promise.resolve({ files: ['b.ts'] }) })
    const plan = await planFixes(source, { transforms: [replacing('t', 'a = 1', 'a = 2')] })
    expect(plan.fixes.map((fix) => fix.id)).toEqual(['t:a.ts', 't:b.ts'])
    expect(plan.filesScanned).toBe(2)
  })
})

describe('isAlwaysIgnored', () => {
  // The rule as globs; the engine tests path segments directly because matching globs was slow.
  const globs = picomatch(['**/{node_modules,.git,dist,build,out,.next,.nuxt,.turbo,.vercel,.wrangler,coverage,.prisma}/**', '**/generated/prisma/**', '**/prisma/generated/**', '**/*.min.js'], { dot: true })
  const paths = [
    'dist/index.js', 'packages/api/dist/index.js', 'node_modules/x/index.js', 'a/node_modules/b.js', '.next/server.js', 'apps/web/.turbo/log',
    'src/generated/prisma/index.ts', 'prisma/generated/client.ts', 'vendor/jquery.min.js', 'coverage/lcov.info', 'node_modules/.prisma/client/index.js',
    'src/distance.ts', 'src/builder/index.ts', 'src/dist.ts', 'outbox/a.ts', 'src/generated/other.ts', 'prisma/schema.prisma', 'src/min.js', 'docs/build.md',
    'src/.git-hooks/pre-commit', 'apps/api/src/output/a.ts',
  ]

  it.each(paths)('%s: the same answer as the globs', (path) => {
    expect(isAlwaysIgnored(path)).toBe(globs(path))
  })

  it('scans a file named like an ignored folder (a `build` script), which the globs would drop', () => {
    expect(isAlwaysIgnored('build')).toBe(false)
    expect(isAlwaysIgnored('scripts/dist')).toBe(false)
  })
})
