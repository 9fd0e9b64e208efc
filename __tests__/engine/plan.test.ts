import { describe, expect, it } from 'vitest'
import { planFixes } from '../../src/engine/plan.js'
import { defineTransform } from '../../src/define-transform.js'
import { memorySource } from '../../src/engine/source.js'
import { replacing, testTransform } from '../helpers/transform.js'

describe('planFixes', () => {
  it('composes transforms in order over the updated text', async () => {
    const plan = await planFixes(memorySource({ 'a.txt': 'one\n' }), { transforms: [replacing('first', 'one', 'two'), replacing('second', 'two', 'three')] })
    expect(plan.fixes.map((f) => [f.id, f.change.before, f.change.after])).toEqual([
      ['first:a.txt', 'one\n', 'two\n'],
      ['second:a.txt', 'two\n', 'three\n'],
    ])
  })

  it('excluded fixes are not seen by later transforms', async () => {
    const plan = await planFixes(memorySource({ 'a.txt': 'one\n' }), {
      transforms: [replacing('first', 'one', 'two'), replacing('second', 'two', 'three')],
      exclude: new Set(['first:a.txt']),
    })
    expect(plan.fixes).toEqual([])
  })

  it('parses only files that pass the prefilter, once, shared between transforms', async () => {
    const parsed: string[] = []
    const seen = new Set<unknown>()
    const parser = (id: string) =>
      testTransform(id, (ctx) => {
        for (const path of ctx.candidates()) {
          const file = ctx.parse(path)
          parsed.push(path)
          seen.add(file?.ast)
        }
        return { changes: [] }
      }, { contains: ['PrismaClient'], files: ['**/*.ts'] })
    const plan = await planFixes(memorySource({ 'a.ts': 'new PrismaClient()', 'b.ts': 'const x = 1', 'c.md': 'PrismaClient' }), { transforms: [parser('p1'), parser('p2')] })
    expect(parsed).toEqual(['a.ts', 'a.ts'])
    expect(seen.size).toBe(1)
    expect(plan.filesScanned).toBe(2)
  })

  it('never reads the files a transform excludes, and matches needles as plain text', async () => {
    const reads: string[] = []
    const source = memorySource({ 'src/a.ts': 'x = "a.b"', 'test/a.ts': 'x = "a.b"', 'src/b.ts': 'x = "axb"' })
    const read = source.read.bind(source)
    source.read = (path, max) => (reads.push(path), read(path, max))
    const seen: string[] = []
    const plan = await planFixes(source, {
      transforms: [testTransform('t', (ctx) => (seen.push(...ctx.candidates()), { changes: [] }), { files: ['**/*.ts'], exclude: ['test/**'], contains: ['a.b', '(x|y)'] })],
    })
    expect(seen).toEqual(['src/a.ts'])
    expect(reads.sort()).toEqual(['src/a.ts', 'src/b.ts'])
    expect(plan.filesScanned).toBe(2)
  })

  it('answers filesContaining from its one pass, as earlier transforms left the files', async () => {
    const reads: string[] = []
    const source = memorySource({ 'a.ts': 'new PrismaClient()', 'b.ts': 'const x = 1', 'c.ts': 'PrismaClient', 'd.md': 'PrismaClient' })
    const read = source.read.bind(source)
    source.read = (path, max) => (reads.push(path), read(path, max))
    let found: string[] = []
    const looker = testTransform('looker', (ctx) => ((found = ctx.filesContaining('PrismaClient')), { changes: [] }), { files: ['**/*.ts'], contains: ['nothing'], lookups: ['PrismaClient'] })
    // An earlier transform adds the needle to b.ts and removes it from c.ts.
    await planFixes(source, { transforms: [replacing('first', 'const x', 'PrismaClient'), replacing('second', 'PrismaClient', 'Client', { files: ['c.ts'] }), looker] })
    expect(found).toEqual(['a.ts', 'b.ts'])
    expect(reads.filter((path) => path === 'a.ts')).toEqual(['a.ts'])
  })

  it('a transform with scan() sees its candidates through what the scan kept, rescanned where an earlier transform changed them', async () => {
    const seen: Array<[string, unknown]> = []
    const counter = defineTransform<number>({
      ...testTransform('counter', () => ({ changes: [] }), { contains: ['x'] }),
      scan: (_path, text) => (text.split('x').length - 1 || undefined),
      run: (ctx) => (seen.push(...ctx.candidates().map((path): [string, unknown] => [path, ctx.scanned(path)])), { changes: [] }),
    })
    const source = memorySource({ 'a.txt': 'x', 'b.txt': 'y', 'c.txt': 'xx', 'd.txt': 'x' })
    const reads: string[] = []
    const read = source.read.bind(source)
    source.read = (path, max) => (reads.push(path), read(path, max))
    const plan = await planFixes(source, { transforms: [replacing('first', 'y', 'xxx'), replacing('second', 'x', 'z', { files: ['d.txt'] }), counter] })
    expect(plan.errors).toEqual([])
    expect(seen).toEqual([['a.txt', 1], ['b.txt', 3], ['c.txt', 2]])
    // Each file read once: the scanned texts were not needed again.
    expect(reads.sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt'])
  })

  it('keeps a file a later transform finds by lookup: read once, parsed once', async () => {
    const reads: string[] = []
    const source = memorySource({ 'db.ts': 'export const db = new PrismaClient()\n', 'b.ts': 'const b = 1\n' })
    const read = source.read.bind(source)
    source.read = (path, max) => (reads.push(path), read(path, max))
    const asts: unknown[] = []
    const first = testTransform('first', (ctx) => (asts.push(...ctx.candidates().map((path) => ctx.parse(path)?.ast)), { changes: [] }), { files: ['**/*.ts'], contains: ['PrismaClient'] })
    const later = testTransform('later', (ctx) => (asts.push(...ctx.filesContaining('PrismaClient').map((path) => ctx.parse(path)?.ast)), { changes: [] }), { files: ['**/*.ts'], contains: ['nothing'], lookups: ['PrismaClient'] })
    await planFixes(source, { transforms: [first, later] })
    expect(reads.sort()).toEqual(['b.ts', 'db.ts'])
    expect(asts).toHaveLength(2)
    expect(asts[0]).toBe(asts[1])
  })

  it('isolates a transform whose scan throws: reported, the others still run', async () => {
    const broken = defineTransform({ ...testTransform('broken', () => ({ changes: [] })), scan: () => { throw new Error('scan exploded') } })
    const plan = await planFixes(memorySource({ 'a.txt': 'one\n' }), { transforms: [broken, replacing('later', 'one', 'two')] })
    expect(plan.errors.map((e) => e.message)).toEqual(['transform broken failed: scan exploded'])
    expect(plan.fixes.map((f) => f.id)).toEqual(['later:a.txt'])
  })

  it('fails a transform that looks files up by a substring it did not declare', async () => {
    const plan = await planFixes(memorySource({ 'a.ts': 'x' }), { transforms: [testTransform('t', (ctx) => ({ changes: [], findings: ctx.filesContaining('x').map((path) => ({ path, line: 1, message: 'x' })) }))] })
    expect(plan.errors.map((e) => e.message)).toEqual(['transform t failed: transform t looks files up by "x" without declaring it in meta.lookups'])
  })

  it('reports a file that does not parse and goes on', async () => {
    const plan = await planFixes(memorySource({ 'bad.ts': 'const x = (\n', 'good.ts': 'console.log(1)\n' }), {
      transforms: [
        testTransform('t', (ctx) => ({
          changes: ctx.candidates().flatMap((path) => {
            const file = ctx.parse(path)
            return file ? [{ path, before: file.text, after: file.text.replace('console.log', 'logger.info') }] : []
          }),
        }), { files: ['**/*.ts'] }),
      ],
    })
    expect(plan.errors).toEqual([{ file: 'bad.ts', message: 'could not parse: line 2, column 1: Unexpected token; skipped' }])
    expect(plan.fixes.map((f) => f.change.after)).toEqual(['logger.info(1)\n'])
  })

  it('drops a change that would not parse and keeps the file as it was', async () => {
    const breaking = testTransform('breaks', (ctx) => ({ changes: [{ path: 'a.ts', before: ctx.read('a.ts')!, after: 'const = ;' }] }))
    const plan = await planFixes(memorySource({ 'a.ts': 'const a = 1\n' }), { transforms: [breaking, replacing('later', 'a = 1', 'a = 2')] })
    expect(plan.errors).toHaveLength(1)
    expect(plan.errors[0]).toMatchObject({ file: 'a.ts', transform: 'breaks' })
    expect(plan.errors[0]!.message).toMatch(/^dropped a change that would not parse \(line 1/)
    expect(plan.fixes.map((f) => f.change.before)).toEqual(['const a = 1\n'])
  })

  it('reports the files a transform could not read as errors', async () => {
    const plan = await planFixes(memorySource({ 'cloudbuild.yaml': 'steps: [' }), {
      transforms: [testTransform('yaml', () => ({ changes: [], errors: [{ path: 'cloudbuild.yaml', message: 'not valid YAML: unexpected end; left unchanged' }] }))],
    })
    expect(plan.errors).toEqual([{ file: 'cloudbuild.yaml', transform: 'yaml', message: 'not valid YAML: unexpected end; left unchanged' }])
  })

  it('isolates a transform that throws', async () => {
    const plan = await planFixes(memorySource({ 'a.txt': 'one' }), {
      transforms: [testTransform('boom', () => { throw new Error('kaput') }), replacing('ok', 'one', 'two')],
    })
    expect(plan.errors.map((e) => e.message)).toEqual(['transform boom failed: kaput'])
    expect(plan.fixes.map((f) => f.id)).toEqual(['ok:a.txt'])
  })

  it('refuses stale, empty and out-of-tree changes', async () => {
    const bad = testTransform('bad', () => ({
      changes: [
        { path: 'a.txt', before: 'not the text', after: 'x' },
        { path: 'b.txt', before: 'same', after: 'same' },
        { path: '../escape.txt', before: null, after: 'x' },
      ],
    }))
    const plan = await planFixes(memorySource({ 'a.txt': 'one', 'b.txt': 'same' }), { transforms: [bad] })
    expect(plan.fixes).toEqual([])
    expect(plan.errors.map((e) => e.message)).toEqual([
      'refused a change to a.txt: it was computed from another version of the file',
      'refused an empty change to b.txt',
      'refused a change to ../escape.txt: outside the repository',
    ])
  })

  it('merges two changes of one transform to one file into one fix', async () => {
    const twice = testTransform('twice', (ctx) => {
      const text = ctx.read('a.txt')!
      const mid = text.replace('a', 'b')
      return { changes: [{ path: 'a.txt', before: text, after: mid }, { path: 'a.txt', before: mid, after: mid.replace('c', 'd') }] }
    })
    const plan = await planFixes(memorySource({ 'a.txt': 'a\nc\n' }), { transforms: [twice] })
    expect(plan.fixes.map((f) => [f.change.before, f.change.after, f.line])).toEqual([['a\nc\n', 'b\nd\n', 1]])
  })

  it('shows created files to later transforms as candidates', async () => {
    const creates = testTransform('creates', () => ({ changes: [{ path: '.env.example', before: null, after: 'DATABASE_URL=postgresql://localhost/db\n' }] }))
    const plan = await planFixes(memorySource({ 'a.txt': '' }), { transforms: [creates, replacing('edits', 'localhost/db', 'localhost/db?connection_limit=10', { files: ['**/.env*'] })] })
    expect(plan.fixes.map((f) => [f.id, f.line, f.change.before])).toEqual([
      ['creates:.env.example', 1, null],
      ['edits:.env.example', 1, 'DATABASE_URL=postgresql://localhost/db\n'],
    ])
  })

  it('skips binary and oversized files and counts them', async () => {
    const plan = await planFixes(memorySource({ 'bin.ts': Buffer.from([0x63, 0, 0x61]), 'big.ts': 'x'.repeat(50), 'ok.ts': 'x' }), {
      transforms: [replacing('t', 'x', 'y')],
      maxFileSize: 10,
    })
    expect(plan.skipped).toEqual([{ file: 'big.ts', reason: 'too-large' }, { file: 'bin.ts', reason: 'binary' }])
    expect(plan.fixes.map((f) => f.id)).toEqual(['t:ok.ts'])
  })

  it('masks secrets seen in the changed texts', async () => {
    const plan = await planFixes(memorySource({ '.env': 'DATABASE_URL=postgresql://app:Kx9vQ2mZp7Lw@db/app\n' }), { transforms: [replacing('t', '@db/app', '@db/app?connection_limit=10')] })
    expect(plan.redactor.redact('postgresql://app:Kx9vQ2mZp7Lw@db')).toBe('postgresql://app:Kx****@db')
  })
})
