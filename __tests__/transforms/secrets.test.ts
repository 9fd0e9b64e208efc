import { describe, expect, it } from 'vitest'
import gitignoreEnv from '../../transforms/gitignore-env.js'
import transform from '../../transforms/secrets.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('secrets inline cases', () => {
  it('untracks the env file once gitignore-env, running first, has ignored it', async () => {
    const plan = await planTree({ '.env': 'JWT_SECRET=Qm8vT2xK9rL4wZ7p\n' }, [gitignoreEnv, transform])
    const untracked = plan.fixes.filter((f) => f.change.untrack).map((f) => f.change.path)
    expect(untracked).toEqual(['.env'])
    expect(plan.fixes.find((f) => f.change.path === '.env.example')?.change.after).toBe('JWT_SECRET=\n')
  })

  it('never writes a secret value into the example, even from a comment', async () => {
    const plan = await planTree({ '.gitignore': '.env\n', '.env': '# old: postgres://admin:Qm8vT2xK9rL4@db/app\nDB_PASSWORD=Qm8vT2xK9rL4\n' }, [transform])
    const example = plan.fixes.find((f) => f.change.path === '.env.example')!.change.after!
    expect(example).toBe('# old: postgres://admin:PASSWORD@db/app\nDB_PASSWORD=\n')
    expect(plan.findings.map((f) => f.message).join('\n')).not.toContain('Qm8vT2xK9rL4')
  })

  it('leaves a committed env file without secrets alone', async () => {
    expect((await planTree({ '.gitignore': '.env\n', '.env': 'PORT=3000\nVITE_API_URL=https://api.example.com\n' }, [transform])).fixes).toEqual([])
  })

  it('leaves env files inside test fixtures alone: their secrets are fakes by design', async () => {
    const plan = await planTree({ '.gitignore': '.env\n', 'test/fixtures/app/.env': 'JWT_SECRET=Qm8vT2xK9rL4wZ7p\n' }, [transform])
    expect(plan.fixes).toEqual([])
    expect(plan.findings).toEqual([])
  })
})
