import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseAudit } from '../../src/audit/parse.js'

const fixture = (name: string): string => readFileSync(new URL(`../../__testfixtures__/audits/${name}`, import.meta.url), 'utf8')

describe('parseAudit', () => {
  it('takes findings from headings with severity tags, with the files and lines they name', () => {
    const report = parseAudit(fixture('blockers-first.md'))
    expect(report.title).toBe('Go-live review: booking API')
    expect(report.findings.map((f) => [f.severity, f.title])).toEqual([
      ['critical', 'Live secrets are checked into the repository'],
      ['critical', 'Nothing caps how many connections the ORM opens'],
      ['high', 'A route module builds a second Prisma client'],
      ['high', 'Deploy step has no database attachment'],
      ['medium', 'Readiness endpoint always says yes'],
      ['medium', 'Process stops without closing the database'],
      ['low', 'Errors from the ORM are rendered for humans'],
      ['low', 'Output goes through console.log'],
      ['high', 'Nobody has load-tested the service'],
      ['medium', 'No pre-production environment'],
      ['medium', 'Rotate the database password'],
    ])
    const byTitle = new Map(report.findings.map((f) => [f.title, f]))
    expect(byTitle.get('Live secrets are checked into the repository')?.files).toEqual([{ path: 'config/.env', line: 4 }])
    expect(byTitle.get('A route module builds a second Prisma client')?.files).toEqual([{ path: 'src/modules/invoices/invoices.routes.ts', line: 12 }])
    expect(byTitle.get('Readiness endpoint always says yes')?.files).toEqual([{ path: 'src/routes/status.ts', line: 20, endLine: 31 }])
    expect(byTitle.get('Live secrets are checked into the repository')?.asks).toBe('take the file out of git, keep a template with placeholders, and rotate both values.')
  })

  it('reads severity from coloured circles even when the report went through the wrong encoding, and skips passes', () => {
    const report = parseAudit(fixture('category-review.md'))
    expect(report.findings.map((f) => [f.severity, f.title])).toEqual([
      ['critical', 'Connection pool has no upper bound'],
      ['high', 'Graceful stop is a TODO'],
      ['low', 'Query timeout not set'],
      ['high', 'No APM or alerting'],
      ['low', 'Prisma error format'],
      ['critical', 'Cloud Run service lacks Cloud SQL wiring and secrets'],
      ['high', 'CI never runs the tests'],
    ])
    expect(report.findings[1].files).toEqual([{ path: 'src/main.ts', line: 40, endLine: 52 }])
    expect(report.findings[1].context).toBe('A. Database / Backend audit — categories')
  })

  it('falls back to open list items when the report has no finding headings; ticked items are done', () => {
    const report = parseAudit(fixture('plain-checklist.md'))
    expect(report.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'high'])
    expect(report.findings[0].title).toBe('Credentials are committed: .env holds the real JWT_SECRET and database password')
    expect(report.findings[2].files).toEqual([{ path: 'src/jobs/reconcile.ts' }, { path: 'src/api/refunds.ts' }])
    expect(report.findings.some((f) => f.title.includes('non-root'))).toBe(false)
  })

  it('does not take summaries, passes, tier headings, code examples or checklists for findings', () => {
    const report = parseAudit(
      [
        '# Audit',
        '## Executive Summary',
        '**Status:** ⚠️ NEEDS WORK',
        '## 🔴 Critical (Must Fix)',
        '### 1. Pool limits missing',
        '**Severity:** HIGH',
        '```ts',
        '## not a heading inside code',
        '```',
        '### ✅ PASS: Singleton in place',
        '**Status:** PASS',
        '## Code Examples for Fixes',
        '### Fix #1: Secure the connection',
        '**Severity:** CRITICAL',
        '## Deployment Checklist',
        '### ❌ NOT READY',
        '- [ ] Rotate keys',
      ].join('\n'),
    )
    expect(report.findings.map((f) => [f.severity, f.title])).toEqual([['high', '1. Pool limits missing']])
  })

  it('keeps nested code fences (a ```markdown block holding a ```bash block) out of the heading tree', () => {
    const report = parseAudit(['# R', '## High Priority', '### 1. Add compose file', '```markdown', '## Setup', '```bash', 'npm i', '```', '```', '### 2. Add staging'].join('\n'))
    expect(report.findings.map((f) => f.title)).toEqual(['1. Add compose file', '2. Add staging'])
  })

  it('returns no findings for a document that states no problem', () => {
    expect(parseAudit('# Notes\n\nEverything looks fine.\n').findings).toEqual([])
  })
})
