import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MANUAL_CONCEPTS, TRANSFORM_CONCEPTS } from '../../src/audit/concepts.js'
import { mapFinding } from '../../src/audit/map.js'
import { parseAudit, type AuditFinding } from '../../src/audit/parse.js'
import { transforms } from '../../transforms/index.js'

const ids = transforms.map((t) => t.meta.id)
const fixture = (name: string): AuditFinding[] => parseAudit(readFileSync(new URL(`../../__testfixtures__/audits/${name}`, import.meta.url), 'utf8')).findings
/** "transform,transform" for mapped findings, "manual:<concept>" for the others. */
const answer = (finding: AuditFinding): string => {
  const m = mapFinding(finding, ids)
  return m.transforms.length > 0 ? [...m.transforms, ...m.companions.map((c) => `+${c}`)].join(',') : `manual:${m.manual[0]?.id ?? '-'}`
}

describe('the concept vocabulary', () => {
  it('has an entry for every transform in the registry, and none for unknown ids', () => {
    expect(Object.keys(TRANSFORM_CONCEPTS).sort()).toEqual([...ids].sort())
  })

  it('gives every manual concept a reason', () => {
    for (const concept of MANUAL_CONCEPTS) expect(concept.reason.length, concept.id).toBeGreaterThan(20)
  })
})

describe('mapFinding', () => {
  it('maps findings written in other words, under other headings, to the transforms that answer them', () => {
    expect(Object.fromEntries(fixture('blockers-first.md').map((f) => [f.title, answer(f)]))).toEqual({
      'Live secrets are checked into the repository': 'secrets,+gitignore-env',
      'Nothing caps how many connections the ORM opens': 'pool-params',
      'A route module builds a second Prisma client': 'prisma-singleton',
      'Deploy step has no database attachment': 'cloudbuild-cloudrun',
      'Readiness endpoint always says yes': 'health-check',
      'Process stops without closing the database': 'prisma-shutdown',
      'Errors from the ORM are rendered for humans': 'prisma-error-format',
      'Output goes through console.log': 'console-logger',
      'Nobody has load-tested the service': 'manual:load-testing',
      'No pre-production environment': 'manual:staging',
      'Rotate the database password': 'manual:rotate-credentials',
    })
  })

  it('maps a list-only report and a mis-encoded one the same way', () => {
    expect(fixture('plain-checklist.md').map(answer)).toEqual([
      'secrets,+gitignore-env',
      'gitignore-env',
      'prisma-singleton',
      'health-check',
      'console-logger',
      'manual:monitoring',
      'manual:backups',
    ])
    expect(fixture('category-review.md').map(answer)).toEqual([
      'pool-params',
      'prisma-shutdown',
      'manual:query-performance',
      'manual:monitoring',
      'prisma-error-format',
      'cloudbuild-cloudrun',
      'manual:ci-cd',
    ])
  })

  it('does not depend on order or headings: the same findings shuffled under new headings map the same', () => {
    const original = readFileSync(new URL('../../__testfixtures__/audits/blockers-first.md', import.meta.url), 'utf8')
    const sections = original.split(/\n(?=### )/).slice(1)
    const rewritten = ['# Another review', '## Findings', ...sections.reverse().map((s) => s.replace(/^### \[(\w+)\] /, (_, sev: string) => `### ${sev.toLowerCase()}: `))].join('\n')
    const before = new Map(fixture('blockers-first.md').map((f) => [f.title, [f.severity, answer(f)]]))
    const after = new Map(parseAudit(rewritten).findings.map((f) => [f.title, [f.severity, answer(f)]]))
    expect(after).toEqual(before)
  })

  it.each([
    ['Database URL lacks pool settings', 'pool-params'],
    ['Connection pooling is not tuned', 'pool-params'],
    ['Prisma is instantiated in several modules', 'prisma-singleton'],
    ['No graceful termination', 'prisma-shutdown'],
    ["Liveness and readiness endpoints don't check dependencies", 'health-check'],
    ['Logging via console', 'console-logger'],
    ['Verbose Prisma errors in prod', 'prisma-error-format'],
    ['Cloud Run deploy not connected to Cloud SQL', 'cloudbuild-cloudrun'],
    ['Deployment config has no minimum instances', 'cloudbuild-cloudrun'],
    ['.env committed to git', 'gitignore-env,secrets'],
    ['Hardcoded JWT secret', 'secrets,+gitignore-env'],
    ['API keys in source code', 'secrets,+gitignore-env'],
    ['Env files are not git-ignored', 'gitignore-env'],
    ['Set up a staging environment', 'manual:staging'],
    ['Backups are not tested', 'manual:backups'],
    ['No alerting on error rates', 'manual:monitoring'],
  ])('maps the title "%s" to %s', (title, expected) => {
    expect(answer(parseAudit(`# R\n## High\n### 1. ${title}\n`).findings[0])).toBe(expected)
  })

  it('lets the title decide when a passing mention in the prose names another concept', () => {
    const ci = parseAudit('# R\n## Critical\n### 1. CI/CD pipeline has no quality gates\n- No health check validation after deploy\n- No type check\n').findings[0]
    expect(answer(ci)).toBe('manual:ci-cd')
    const vague = parseAudit('# R\n## High\n### 1. Environment setup\nThe repository has a committed .env with plaintext passwords; the secret manager is unused.\n').findings[0]
    expect(answer(vague)).toBe('secrets,+gitignore-env')
  })

  it('marks what no transform addresses as manual, with the generic reason when no concept fits', () => {
    const odd = parseAudit('# R\n## Critical\n### 1. Invoice totals are rounded twice\nFix the rounding in the billing module.\n').findings[0]
    expect(mapFinding(odd, ids)).toMatchObject({ transforms: [], manual: [], category: 'other' })
  })
})

// The sample reports live beside the repository (../shared/seeds); when present, they must map as their paraphrases do.
const seeds = new URL('../../../shared/seeds/', import.meta.url)
describe.runIf(existsSync(seeds))('the sample audit reports', () => {
  // runIf skips the tests, not this body: read only where the folder exists.
  const all = (existsSync(seeds) ? readdirSync(seeds) : []).flatMap((name) => parseAudit(readFileSync(new URL(name, seeds), 'utf8')).findings)
  const mapped = (pattern: RegExp): string[] => all.filter((f) => pattern.test(f.title)).map(answer)

  it('map each kind of finding to the same transform as the paraphrases', () => {
    expect(mapped(/Exposed Database Credentials|Credentials in Version Control|Secrets Management/)).toEqual(['secrets,+gitignore-env', 'secrets,+gitignore-env', 'secrets,+gitignore-env'])
    expect(new Set(mapped(/Connection Pool (Limits|Parameters|Configuration)|Connection Limit|Pool Exhaustion/))).toEqual(new Set(['pool-params']))
    expect(new Set(mapped(/Duplicate PrismaClient/))).toEqual(new Set(['prisma-singleton']))
    expect(new Set(mapped(/Shutdown/))).toEqual(new Set(['prisma-shutdown']))
    expect(new Set(mapped(/Health Check/))).toEqual(new Set(['health-check']))
    expect(new Set(mapped(/Cloud SQL|Cloud Run Socket|Resource Limits|Public IP/))).toEqual(new Set(['cloudbuild-cloudrun']))
    expect(mapped(/errorFormat/)).toEqual(['prisma-error-format'])
    expect(mapped(/Console\.log/)).toEqual(['console-logger'])
    expect(new Set(mapped(/Load Testing|Staging|Monitoring|Backup|Test Coverage|CI\/CD|Rate Limiting/).map((a) => a.startsWith('manual:')))).toEqual(new Set([true]))
  })
})
