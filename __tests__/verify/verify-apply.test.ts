import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Fix } from '../../src/engine/plan.js'
import type { TransformMeta } from '../../src/types.js'
import { verifyApply } from '../../src/verify/apply.js'

// The repository's own TypeScript, linked into each temporary repository at test time.
const typescriptDir = dirname(createRequire(import.meta.url).resolve('typescript/package.json'))
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function repo(files: Record<string, string>, options: { typescript?: boolean; script?: boolean | string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'prod-fix-verify-'))
  dirs.push(root)
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'demo', private: true, ...(options.script ? { scripts: { typecheck: typeof options.script === 'string' ? options.script : 'tsc --noEmit -p tsconfig.json --pretty false' } } : {}) }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022'], target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', types: [] }, include: ['src'] }),
    ...files,
  }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  if (options.typescript !== false) {
    mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true })
    symlinkSync(typescriptDir, join(root, 'node_modules', 'typescript'), 'dir')
    symlinkSync(join(typescriptDir, 'bin', 'tsc'), join(root, 'node_modules', '.bin', 'tsc'))
  }
  return root
}

const meta = (id: string): TransformMeta => ({
  id,
  title: `Fix ${id}`,
  severity: 'high',
  audit: { ref: id, finding: id },
  description: id,
  files: ['**/*'],
  example: { file: 'x', before: '', after: '' },
})

function fix(root: string, transform: string, path: string, after: string | null): Fix {
  const full = join(root, path)
  const before = existsSync(full) ? readFileSync(full, 'utf8') : null
  return { id: `${transform}:${path}`, transform: meta(transform), change: { path, before, after }, line: 1 }
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8')

describe('verifyApply', { timeout: 120_000 }, () => {
  it('applies everything after one check when nothing breaks', async () => {
    const root = repo({ 'src/a.ts': 'export const a: number = 1\n', 'src/b.ts': "import { a } from './a'\nexport const b = a + 1\n" })
    const fixes = [fix(root, 't1', 'src/a.ts', 'export const a: number = 2\n'), fix(root, 't2', 'src/c.ts', "export const c = 'new file'\n")]
    const result = await verifyApply(root, fixes)
    expect(result).toMatchObject({ verified: true, command: 'tsc --noEmit -p tsconfig.json', failed: [], checks: 2 })
    expect(result.applied).toEqual(fixes)
    expect(read(root, 'src/a.ts')).toBe('export const a: number = 2\n')
    expect(read(root, 'src/c.ts')).toBe("export const c = 'new file'\n")
  })

  it('reverts the fix whose file gains a type error, keeps the others, and reports the new error', async () => {
    const root = repo({ 'src/a.ts': 'export const a: number = 1\n', 'src/b.ts': 'export const b: string = "x"\n' })
    const good = fix(root, 'good', 'src/a.ts', '// checked\nexport const a: number = 1\n')
    const bad = fix(root, 'bad', 'src/b.ts', 'export const b: string = 42\n')
    const result = await verifyApply(root, [good, bad])
    expect(result.applied).toEqual([good])
    expect(result.failed).toHaveLength(1)
    expect(result.failed[0].fix).toBe(bad)
    expect(result.failed[0].diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['src/b.ts TS2322'])
    expect(read(root, 'src/b.ts')).toBe('export const b: string = "x"\n')
    expect(read(root, 'src/a.ts')).toBe('// checked\nexport const a: number = 1\n')
    expect(result.checks).toBe(3)
  })

  it('finds by bisection a fix that breaks a file no fix touched', async () => {
    const root = repo({
      'src/lib.ts': 'export function connect(): void {}\n',
      'src/use.ts': "import { connect } from './lib'\nconnect()\n",
      'src/x.ts': 'export const x = 1\n',
      'src/y.ts': 'export const y = 1\n',
    })
    const breaking = fix(root, 'rename', 'src/lib.ts', 'export function open(): void {}\n')
    const others = [fix(root, 'ok', 'src/x.ts', 'export const x = 2\n'), fix(root, 'ok', 'src/y.ts', 'export const y = 2\n')]
    const result = await verifyApply(root, [...others, breaking])
    expect(result.failed.map((f) => f.fix)).toEqual([breaking])
    expect(result.failed[0].diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['src/use.ts TS2305'])
    expect(result.applied).toEqual(others)
    expect(read(root, 'src/lib.ts')).toBe('export function connect(): void {}\n')
    expect(read(root, 'src/y.ts')).toBe('export const y = 2\n')
  })

  it('does not blame fixes for errors the repository already had, even when they move', async () => {
    const root = repo({ 'src/a.ts': "export const a: number = 'old error'\n" })
    const shift = fix(root, 'shift', 'src/a.ts', "const above = 1\nvoid above\nexport const a: number = 'old error'\n")
    const result = await verifyApply(root, [shift])
    expect(result).toMatchObject({ verified: true, failed: [] })
    expect(result.applied).toEqual([shift])
  })

  it('uses the repository typecheck script when it has one', async () => {
    const root = repo({ 'src/a.ts': 'export const a = 1\n' }, { script: true })
    const bad = fix(root, 'bad', 'src/a.ts', 'export const a: string = 1\n')
    const result = await verifyApply(root, [bad])
    expect(result.command).toBe('npm run typecheck')
    expect(result.failed.map((f) => f.diagnostics[0].code)).toEqual(['TS2322'])
    expect(read(root, 'src/a.ts')).toBe('export const a = 1\n')
  })

  it("falls back to the repository's tsc when its typecheck script cannot run", async () => {
    const root = repo({ 'src/a.ts': 'export const a = 1\n' }, { script: 'vue-tsc-not-installed --noEmit' })
    const result = await verifyApply(root, [fix(root, 't', 'src/a.ts', 'export const a = 2\n')])
    expect(result).toMatchObject({ verified: true, command: 'tsc --noEmit -p tsconfig.json', failed: [], checks: 3 })
  })

  it('applies without checking, and says why, when the repository cannot type-check', async () => {
    const root = repo({ 'src/a.ts': 'export const a = 1\n' }, { typescript: false })
    const change = fix(root, 't', 'src/a.ts', 'export const a: string = 1\n')
    const result = await verifyApply(root, [change])
    expect(result).toMatchObject({ verified: false, reason: 'not type-checked: TypeScript is not installed in its node_modules (run its install first)', failed: [], checks: 0 })
    expect(read(root, 'src/a.ts')).toBe('export const a: string = 1\n')
  })

  it('reverts a schema fix that makes `prisma validate` fail, checking only schemas that validated before', async () => {
    const root = repo({ 'src/a.ts': 'export const a = 1\n', 'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n', 'prisma/old.prisma': 'model Old {\n  @@broken\n}\n' }, { typescript: false })
    // A stand-in for the repository's Prisma CLI: `validate` rejects the attribute @@broken, as the real one rejects unknown attributes.
    mkdirSync(join(root, 'node_modules', 'prisma', 'build'), { recursive: true })
    writeFileSync(
      join(root, 'node_modules', 'prisma', 'build', 'index.js'),
      "const text = require('fs').readFileSync(process.argv[process.argv.indexOf('--schema') + 1], 'utf8')\nif (text.includes('@@broken')) { console.error('error: Attribute not known: \"@@broken\".'); process.exit(1) }\n",
    )
    const breaking = fix(root, 'pool', 'prisma/schema.prisma', 'model User {\n  id Int @id\n  @@broken\n}\n')
    const already = fix(root, 'pool', 'prisma/old.prisma', 'model Old {\n  @@broken\n  id Int @id\n}\n')
    const fine = fix(root, 'other', 'src/a.ts', 'export const a = 2\n')
    const result = await verifyApply(root, [breaking, already, fine])
    expect(result.applied).toEqual([already, fine])
    expect(result.failed).toEqual([{ fix: breaking, diagnostics: [{ file: 'prisma/schema.prisma', line: 0, code: 'prisma-validate', message: 'error: Attribute not known: "@@broken".' }] }])
    expect(read(root, 'prisma/schema.prisma')).toBe('model User {\n  id Int @id\n}\n')
  })
})
