import { describe, expect, it } from 'vitest'
import { parseAudit } from '../../src/audit/parse.js'
import { reconcileAudit } from '../../src/audit/status.js'
import type { FixStatus } from '../../src/report/json.js'
import { transforms } from '../../transforms/index.js'
import { planTree } from '../helpers/fixtures.js'

const registry = transforms.map((t) => t.meta.id)
const report = parseAudit(
  [
    '# Review',
    '## Critical',
    '### 1. Second PrismaClient in the reports route',
    '`src/routes/reports.ts:3` builds its own client.',
    '### 2. Readiness probe never queries the database',
    '### 3. Load testing never done',
    '## Low',
    '### 4. console.log everywhere',
  ].join('\n'),
)
const tree = {
  'package.json': '{"name":"api","dependencies":{"@prisma/client":"5.0.0"}}',
  'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient()\n",
  'src/routes/reports.ts': "import { PrismaClient } from '@prisma/client'\n\nconst prisma = new PrismaClient()\n\nexport const list = () => prisma.report.findMany()\n",
}

describe('reconcileAudit', async () => {
  const plan = await planTree(tree, transforms)

  it('proposed in a dry run, manual with a reason, not-applicable when the transform finds nothing to do', () => {
    const { entries } = reconcileAudit(report, plan, { ran: registry, registry })
    expect(entries.map((e) => [e.finding, e.status, e.transforms.join(',')])).toEqual([
      ['1. Second PrismaClient in the reports route', 'proposed', 'prisma-singleton'],
      ['2. Readiness probe never queries the database', 'not-applicable', 'health-check'],
      ['3. Load testing never done', 'manual', ''],
      ['4. console.log everywhere', 'not-applicable', 'console-logger'],
    ])
    expect(entries[0].reason).toBe('prisma-singleton: src/routes/reports.ts')
    expect(entries[1].reason).toMatch(/^health-check found nothing to change in this repository/)
    expect(entries[2].reason).toBe('load testing runs the service under traffic; no code change replaces it')
    expect(entries[2].left).toEqual([entries[2].reason])
  })

  it('fixed after an apply; manual when the fix was reverted; manual when the transform did not run', async () => {
    const singleton = plan.fixes.find((f) => f.transform.id === 'prisma-singleton')!
    const applied = reconcileAudit(report, plan, { ran: registry, registry, status: new Map<string, FixStatus>([[singleton.id, 'applied']]) })
    expect(applied.entries[0].status).toBe('fixed')
    const failed = reconcileAudit(report, plan, { ran: registry, registry, status: new Map<string, FixStatus>([[singleton.id, 'failed']]) })
    expect(failed.entries[0]).toMatchObject({ status: 'manual', reason: 'the fixes were not applied (prisma-singleton: src/routes/reports.ts (failed))' })
    const skipped = reconcileAudit(report, await planTree(tree, transforms.filter((t) => t.meta.id !== 'health-check')), { ran: registry.filter((id) => id !== 'health-check'), registry })
    expect(skipped.entries[1]).toMatchObject({ status: 'manual', reason: 'health-check did not run (--only, --skip or the config turned it off)' })
  })

  it('lists the fixes no finding asked for', () => {
    const { unrequested } = reconcileAudit(parseAudit('# R\n## High\n### 1. Load testing\n'), plan, { ran: registry, registry })
    const ids = [...new Set(plan.fixes.map((f) => f.transform.id))]
    expect(ids).toContain('prisma-singleton')
    expect(unrequested).toEqual(ids.map((transform) => ({ transform, fixes: plan.fixes.filter((f) => f.transform.id === transform).length })))
  })

  it('masks secret values the report itself quotes', async () => {
    const leaky = parseAudit('# R\n## Critical\n### 1. Password postgresql://app:Hk29sLq8Zx7Vw3Np@db/app is committed\n')
    const { entries } = reconcileAudit(leaky, await planTree(tree, transforms), { ran: registry, registry })
    expect(JSON.stringify(entries)).not.toContain('Hk29sLq8Zx7Vw3Np')
  })
})
