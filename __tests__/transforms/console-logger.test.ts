import { describe, expect, it } from 'vitest'
import transform from '../../transforms/console-logger.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('console-logger', () => {
  it('creates one logger per package, however many files need it', () => {
    const plan = planTree({
      'package.json': '{ "name": "api", "dependencies": { "express": "^4.0.0" } }\n',
      'src/a.js': "console.log('a')\n",
      'src/b.js': "console.log('b')\n",
    }, [transform])
    expect(plan.fixes.map((f) => f.change.path).sort()).toEqual(['package.json', 'src/a.js', 'src/b.js', 'src/lib/logger.js'])
    expect(plan.findings.map((f) => f.path)).toEqual(['package.json'])
  })

  it('never puts a logged value in a finding', () => {
    const plan = planTree({
      'package.json': '{ "name": "api", "dependencies": { "pino": "^9.0.0" } }\n',
      'src/logger.js': "import pino from 'pino'\nexport const logger = pino()\n",
      'src/login.js': "export function login(token) {\n  console.log('token', token, 'hunter2-literal')\n}\n",
    }, [transform])
    expect(plan.findings).toHaveLength(1)
    expect(plan.findings[0]!.message).toContain('token')
    expect(plan.findings[0]!.message).not.toContain('hunter2')
  })
})
