import { describe, expect, it } from 'vitest'
import { filesUnder } from '../../transforms/lib/sorted-files.js'

describe('filesUnder', () => {
  const files = ['a.ts', 'packages/api-gateway/x.ts', 'packages/api/src/a.ts', 'packages/api/src/b.ts', 'packages/api0.ts', 'packages/api.ts', 'packages/b/c.ts'].sort()

  it('returns exactly the files under the directory, not its namesakes', () => {
    expect(filesUnder(files, 'packages/api')).toEqual(['packages/api/src/a.ts', 'packages/api/src/b.ts'])
    expect(filesUnder(files, 'packages/api/src')).toEqual(['packages/api/src/a.ts', 'packages/api/src/b.ts'])
    expect(filesUnder(files, 'packages/none')).toEqual([])
  })

  it('returns the whole tree for the root', () => {
    expect(filesUnder(files, '')).toEqual(files)
  })
})
