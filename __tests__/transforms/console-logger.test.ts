import { parseExpression } from '@babel/parser'
import type { CallExpression } from '@babel/types'
import { describe, expect, it } from 'vitest'
import transform from '../../transforms/console-logger.js'
import { adaptArguments, type Convention } from '../../transforms/lib/logger/conventions.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('console-logger', () => {
  it('creates one logger per package, however many files need it', async () => {
    const plan = await planTree({
      'package.json': '{ "name": "api", "dependencies": { "express": "^4.0.0" } }\n',
      'src/a.js': "console.log('a')\n",
      'src/b.js': "console.log('b')\n",
    }, [transform])
    expect(plan.fixes.map((f) => f.change.path).sort()).toEqual(['package.json', 'src/a.js', 'src/b.js', 'src/lib/logger.js'])
    expect(plan.findings.map((f) => f.path)).toEqual(['package.json'])
  })

  it('never puts a logged value in a finding', async () => {
    const plan = await planTree({
      'package.json': '{ "name": "api", "dependencies": { "pino": "^9.0.0" } }\n',
      'src/logger.js': "import pino from 'pino'\nexport const logger = pino()\n",
      'src/login.js': "export function login(token) {\n  console.log('token', token, 'hunter2-literal')\n}\n",
    }, [transform])
    expect(plan.findings).toHaveLength(1)
    expect(plan.findings[0]!.message).toContain('token')
    expect(plan.findings[0]!.message).not.toContain('hunter2')
  })
})

describe('argument conventions', () => {
  const adapt = (convention: Convention, code: string, level = 'error'): string | undefined => {
    const call = parseExpression(code) as CallExpression
    return adaptArguments(convention, { args: call.arguments, text: code, errorNames: new Set(['failure']), level, quote: "'" })?.join(', ')
  }

  it.each([
    ['merge-first', "console.error('failed', err)", '{ err }, \'failed\''],
    ['merge-first', "console.error('failed', failure)", '{ err: failure }, \'failed\''],
    ['merge-first', 'console.log(user.id, count)', '{ id: user.id, count }'],
    ['merge-first', "console.log('user %s', id)", undefined],
    ['merge-first', 'console.log(`user ${id}`)', undefined],
    ['message-first', "console.error('failed', err)", undefined],
    ['message-first', 'console.error(err)', "'Error:', err"],
    ['message-first', "console.error('failed', id, err)", "'failed', { id, stack: err instanceof Error ? err.stack : String(err) }"],
    ['nest', "console.error('failed', err)", "'failed', err instanceof Error ? err.stack : String(err)"],
    ['nest', 'console.error(err)', 'err instanceof Error ? err.stack : String(err)'],
    ['variadic', "console.error('failed', id, err)", undefined],
  ] as const)('%s: %s', (convention, code, expected) => {
    expect(adapt(convention, code)).toBe(expected)
  })

  it('keeps a Nest message and puts extra values in an object, never a bare string the logger would read as its context', () => {
    expect(adapt('nest', "console.log('Invoice paid:', invoice.id)", 'info')).toBe("'Invoice paid:', { id: invoice.id }")
  })
})
