import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyFixes } from '../../src/engine/apply.js'
import { planFixes } from '../../src/engine/plan.js'
import { diskSource } from '../../src/engine/source.js'
import { replacing, testTransform } from '../helpers/transform.js'

function tempRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'prod-fix-apply-'))
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text)
  return root
}

describe('applyFixes', () => {
  it('writes the composed result, keeps the file mode and leaves no temporary file', async () => {
    const root = tempRoot({ 'run.sh': 'echo one\n' })
    chmodSync(join(root, 'run.sh'), 0o755)
    const plan = await planFixes(diskSource(root), { transforms: [replacing('a', 'one', 'two'), replacing('b', 'two', 'three')] })
    const result = await applyFixes(root, plan.fixes)
    expect(result.written).toEqual(['run.sh'])
    expect(readFileSync(join(root, 'run.sh'), 'utf8')).toBe('echo three\n')
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755)
    expect(readdirSync(root)).toEqual(['run.sh'])
  })

  it('creates files with their directories and deletes files', async () => {
    const root = tempRoot({ 'old.txt': 'bye' })
    const t = testTransform('t', () => ({
      changes: [
        { path: 'new/dir/file.txt', before: null, after: 'hello\n' },
        { path: 'old.txt', before: 'bye', after: null },
      ],
    }))
    await applyFixes(root, (await planFixes(diskSource(root), { transforms: [t] })).fixes)
    expect(readFileSync(join(root, 'new/dir/file.txt'), 'utf8')).toBe('hello\n')
    expect(readdirSync(root)).toEqual(['new'])
  })

  it('refuses, writing nothing, when a file changed on disk after planning', async () => {
    const root = tempRoot({ 'a.txt': 'one', 'b.txt': 'one' })
    const plan = await planFixes(diskSource(root), { transforms: [replacing('t', 'one', 'two')] })
    writeFileSync(join(root, 'b.txt'), 'edited by the user')
    await expect(applyFixes(root, plan.fixes)).rejects.toThrow('b.txt changed on disk since prod-fix read it; nothing was written. Run prod-fix again.')
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one')
  })
})
