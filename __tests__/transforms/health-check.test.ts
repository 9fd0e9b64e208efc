import { describe, expect, it } from 'vitest'
import transform from '../../transforms/health-check.js'
import { applyToTree, defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

describe('health-check inline cases', () => {
  const manifest = JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '^5.0.0', express: '^4.0.0' } })
  const db = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n"

  it('uses a health helper that resolves to a boolean as it is', async () => {
    const input = {
      'package.json': manifest,
      'src/db.ts': `${db}export async function pingDatabase() {\n  try {\n    await prisma.$queryRaw\`SELECT 1\`\n    return true\n  } catch {\n    return false\n  }\n}\n`,
      'src/health.ts': "import { Router } from 'express'\nexport const router = Router()\nrouter.get('/ready', (req, res) => {\n  const dbOk = true\n  res.status(dbOk ? 200 : 503).end()\n})\n",
    }
    const { tree } = applyToTree(input, await planTree(input, [transform]))
    expect(tree['src/health.ts']).toContain("import { pingDatabase } from './db'")
    expect(tree['src/health.ts']).toContain('router.get(\'/ready\', async (req, res) => {\n  const dbOk = await pingDatabase()')
  })

  it('reports a placeholder route that answers 200 whatever the flag says', async () => {
    const input = {
      'package.json': manifest,
      'src/db.ts': db,
      'src/health.ts': "import { Router } from 'express'\nexport const router = Router()\nrouter.get('/ready', (req, res) => {\n  const databaseUp = true\n  res.json({ databaseUp })\n})\n",
    }
    const plan = await planTree(input, [transform])
    expect(plan.fixes).toHaveLength(1)
    expect(plan.findings.map((f) => [f.path, f.line])).toEqual([['src/health.ts', 3]])
    expect(plan.findings[0]!.message).toContain('answers 200 even when databaseUp is false')
  })

  it('adds one readiness route per package even with several liveness routes', async () => {
    const route = (name: string): string => `import { Router } from 'express'\nimport { prisma } from './db'\nexport const ${name} = Router()\n${name}.get('/health', (_req, res) => res.json({ ok: true }))\n`
    const input = { 'package.json': manifest, 'src/db.ts': db, 'src/a.ts': route('a'), 'src/b.ts': route('b') }
    const plan = await planTree(input, [transform])
    expect(plan.fixes.map((f) => f.change.path)).toEqual(['src/a.ts'])
  })
})
