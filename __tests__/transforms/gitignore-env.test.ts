import { describe, expect, it } from 'vitest'
import transform from '../../transforms/gitignore-env.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('gitignore-env notes', () => {
  it('says when an ignored env file is still tracked', async () => {
    const plan = await planTree({ 'package.json': '{}', '.gitignore': '.env\n', '.env': 'A=1\n' }, [transform])
    expect(plan.fixes).toEqual([])
    expect(plan.notes.map((n) => [n.path, n.message])).toEqual([['.env', '.env is ignored but still tracked by git: ignoring does not untrack it (git rm --cached does; the secrets fix does it when the file holds secrets)']])
  })

  it('never replaces a .gitignore it cannot read', async () => {
    const plan = await planTree({ 'package.json': '{}', '.gitignore': Buffer.from([0, 1, 2]), '.env': 'A=1\n' } as never, [transform])
    expect(plan.fixes).toEqual([])
  })
})
