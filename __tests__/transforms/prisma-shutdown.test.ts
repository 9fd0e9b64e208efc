import { describe, expect, it } from 'vitest'
import transform from '../../transforms/prisma-shutdown.js'
import { applyToTree, defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('prisma-shutdown inline cases', () => {
  const manifest = JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^5.0.0' } })

  it('merges per-signal handlers that only differ by the signal name', async () => {
    const input = {
      'package.json': manifest,
      'src/index.ts': [
        "import { prisma } from './db'",
        "process.on('SIGTERM', () => {",
        "  console.log('SIGTERM: bye')",
        '  process.exit(0)',
        '})',
        "process.on('SIGINT', () => {",
        "  console.log('SIGINT: bye')",
        '  process.exit(0)',
        '})',
        '',
      ].join('\n'),
      'src/db.ts': "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n",
    }
    const { tree } = applyToTree(input, await planTree(input, [transform]))
    expect(tree['src/index.ts']).toContain('async function shutdown(signal: string) {\n  console.log(`${signal}: bye`)')
    expect(tree['src/index.ts']!.match(/process\.on\(/g)).toHaveLength(2)
  })

  it('leaves handlers alone when nothing in the project can be disconnected', async () => {
    const input = { 'package.json': manifest, 'src/index.ts': "process.on('SIGTERM', () => process.exit(0))\n" }
    const plan = await planTree(input, [transform])
    expect(plan.fixes).toEqual([])
    expect(plan.notes.map((n) => n.message)).toEqual([expect.stringContaining('no Prisma client or disconnect helper')])
  })
})
