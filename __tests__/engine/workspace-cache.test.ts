import { describe, expect, it } from 'vitest'
import { planFixes } from '../../src/engine/plan.js'
import { memorySource, type RepoSource } from '../../src/engine/source.js'
import { Workspace } from '../../src/engine/workspace.js'
import { testTransform } from '../helpers/transform.js'

/** A source that counts how often each path is read from "disk". */
function countingSource(files: Record<string, string>): { source: RepoSource; reads: Map<string, number> } {
  const inner = memorySource(files)
  const reads = new Map<string, number>()
  return {
    reads,
    source: {
      root: undefined,
      list: () => inner.list(),
      read(path, maxBytes) {
        reads.set(path, (reads.get(path) ?? 0) + 1)
        return inner.read(path, maxBytes)
      },
    },
  }
}

describe('Workspace caches', () => {
  it('shares an AST while it fits the budget and rebuilds an evicted one from the same text', () => {
    const ws = new Workspace(memorySource({ 'a.ts': 'const a = 1\n', 'b.ts': 'const b = 2\n' }), 1024, 15)
    const first = ws.parse('a.ts')!
    expect(ws.parse('a.ts')).toBe(first)
    ws.parse('b.ts') // 12 + 12 characters exceed the budget of 15: a.ts goes
    const again = ws.parse('a.ts')!
    expect(again).not.toBe(first)
    expect(again.text).toBe(first.text)
    expect(again.ast.program.body).toHaveLength(1)
  })

  it('asks the source once about a missing path', () => {
    const { source, reads } = countingSource({ 'a.ts': 'x\n' })
    const ws = new Workspace(source, 1024)
    for (let i = 0; i < 3; i++) expect(ws.read('src/lib/logger.ts')).toBeUndefined()
    expect(reads.get('src/lib/logger.ts')).toBe(1)
  })

  it('answers a repeated glob from its cache until a file is created', () => {
    const ws = new Workspace(memorySource({ 'a.ts': 'x\n', 'b.md': 'y\n' }), 1024)
    expect(ws.glob(['**/*.ts'])).toEqual(['a.ts'])
    ws.write('c.ts', 'z\n')
    expect(ws.glob(['**/*.ts'])).toEqual(['a.ts', 'c.ts'])
  })

  it('candidates() reads no file beyond the prefilter pass', async () => {
    const { source, reads } = countingSource({ 'a.ts': 'console.log(1)\n', 'b.ts': 'const b = 2\n', 'c.ts': 'const c = 3\n' })
    const listing = testTransform('lists', (ctx) => {
      for (let i = 0; i < 3; i++) expect(ctx.candidates()).toEqual(['a.ts'])
      return { changes: [] }
    }, { files: ['**/*.ts'], contains: ['console.'] })
    await planFixes(source, { transforms: [listing] })
    expect(Object.fromEntries(reads)).toEqual({ 'a.ts': 1, 'b.ts': 1, 'c.ts': 1 })
  })
})
