import { describe, expect, it } from 'vitest'
import { renderAuditMarkdown } from '../../src/audit/render.js'
import type { AuditEntry } from '../../src/audit/status.js'

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  finding: 'F',
  severity: 'high',
  status: 'fixed',
  transforms: [],
  reason: 'r',
  left: [],
  category: 'other',
  line: 1,
  files: [],
  ...over,
})

describe('renderAuditMarkdown', () => {
  it('ticks what is done and leaves open what a human still has to do', () => {
    const markdown = renderAuditMarkdown(
      {
        entries: [
          entry({ finding: 'Duplicate PrismaClient', transforms: ['prisma-singleton'], reason: 'prisma-singleton: src/a.ts' }),
          entry({ finding: 'Exposed credentials', severity: 'critical', transforms: ['secrets'], reason: 'secrets: .env; left for a human: rotate', left: ['rotate'] }),
          entry({ finding: 'Load testing', status: 'manual', reason: 'load testing runs the service under traffic', left: ['load testing runs the service under traffic'] }),
        ],
        unrequested: [],
      },
      { file: 'audit.md', title: 'Review <v2>' },
    )
    expect(markdown).toBe(
      [
        '### Audit: Review \\<v2\\>',
        '',
        '- [x] **Duplicate PrismaClient** — high, fixed (`prisma-singleton`): prisma-singleton: src/a.ts',
        '- [ ] **Exposed credentials** — critical, fixed (`secrets`): secrets: .env; left for a human: rotate',
        '- [ ] **Load testing** — high, manual: load testing runs the service under traffic',
        '',
      ].join('\n'),
    )
  })
})
