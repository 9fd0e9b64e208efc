import { describe, expect, it } from 'vitest'
import { buildReadiness, readinessScore, scanItems } from '../../src/report/readiness.js'
import { transforms } from '../../transforms/index.js'
import { planTree } from '../helpers/fixtures.js'

describe('readinessScore', () => {
  it('is 100 × ∏(1 − w) over the open items', () => {
    expect(readinessScore([])).toBe(100)
    expect(readinessScore(['critical'])).toBe(80)
    expect(readinessScore(['critical', 'high', 'medium', 'low'])).toBe(Math.round(100 * 0.8 * 0.9 * 0.96 * 0.99))
  })
})

describe('buildReadiness', () => {
  it('counts found, fixed and left per category, before and after; partly fixed items stay open, not-applicable ones are not scored', () => {
    const readiness = buildReadiness(
      [
        { category: 'security', severity: 'critical', state: 'fixed', partial: true },
        { category: 'connection pool', severity: 'critical', state: 'fixed', partial: false },
        { category: 'connection pool', severity: 'high', state: 'fixed', partial: false },
        { category: 'logging', severity: 'low', state: 'open', partial: false },
        { category: 'deployment', severity: 'critical', state: 'not-applicable', partial: false },
      ],
      'audit',
    )
    expect(readiness.projected).toBe(false)
    expect(readiness.rows).toEqual([
      { category: 'connection pool', found: 2, fixed: 2, left: 0, not_applicable: 0, partly_fixed: 0 },
      { category: 'configuration', found: 0, fixed: 0, left: 0, not_applicable: 0, partly_fixed: 0 },
      { category: 'security', found: 1, fixed: 0, left: 1, not_applicable: 0, partly_fixed: 1 },
      { category: 'health checks', found: 0, fixed: 0, left: 0, not_applicable: 0, partly_fixed: 0 },
      { category: 'logging', found: 1, fixed: 0, left: 1, not_applicable: 0, partly_fixed: 0 },
      { category: 'deployment', found: 1, fixed: 0, left: 0, not_applicable: 1, partly_fixed: 0 },
    ])
    expect(readiness.score).toEqual({ before: readinessScore(['critical', 'critical', 'high', 'low']), after: readinessScore(['critical', 'low']) })
  })

  it('from a scan: one item per transform with something to fix, projected in a dry run', async () => {
    const plan = await planTree(
      {
        'src/a.ts': "console.log('a')\nexport {}\n",
        'src/b.ts': "console.error('b')\nexport {}\n",
        'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n",
        'package.json': '{"name":"x"}',
      },
      transforms,
    )
    const ids = [...new Set(plan.fixes.map((f) => f.transform.id))]
    const readiness = buildReadiness(scanItems(plan), 'scan')
    expect(readiness.projected).toBe(true)
    expect(readiness.rows.reduce((n, row) => n + row.found, 0)).toBe(new Set([...ids, ...plan.findings.map((f) => f.transform)]).size)
    expect(readiness.score.after).toBeGreaterThan(readiness.score.before)
  })
})
