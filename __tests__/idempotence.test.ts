import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { transforms } from '../transforms/index.js'
import { applyToTree, FIXTURES, loadCases, planTree } from './helpers/fixtures.js'

// Every transform together, over every fixture input: after one apply, a second run proposes nothing.
// Single-file cases whose transform test passes its own `filename` should declare it in fixture.json.
describe('idempotence of the whole registry over every fixture', async () => {
  for (const transform of transforms) {
    const id = transform.meta.id
    if (!existsSync(join(FIXTURES, id))) continue // the registry test reports the missing folder
    for (const fixture of loadCases(id)) {
      it(`${id}/${fixture.name}`, async () => {
        const options = fixture.expect.options ? { [id]: fixture.expect.options } : {}
        const untracked = fixture.expect.untrackedInput ?? []
        const first = await planTree(fixture.input, transforms, options, untracked)
        const applied = applyToTree(fixture.input, first)
        const second = await planTree(applied.tree, transforms, options, [...untracked, ...applied.untracked])
        expect(second.fixes.map((f) => f.id)).toEqual([])
      })
    }
  }
})
