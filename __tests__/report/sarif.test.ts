import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { buildSarif, changeReplacements, type SarifLog } from '../../src/report/sarif.js'
import { transforms } from '../../transforms/index.js'
import { planTree, type Tree } from '../helpers/fixtures.js'

// The official SARIF 2.1.0 schema (OASIS), copied into the repository. It is a draft-04 schema
// that uses none of draft-04's differences from draft-07 (no boolean exclusiveMinimum/Maximum),
// so declaring it draft-07 lets Ajv's default class validate with it unchanged otherwise.
const official = JSON.parse(readFileSync(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>
const { id, ...rest } = official
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
const validate = ajv.compile({ ...rest, $id: String(id), $schema: 'http://json-schema.org/draft-07/schema#' })

const PASSWORD = 'Zq8vL2pX9wR4tY6u'
const JWT = '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa9988'
const tree: Tree = {
  '.gitignore': 'node_modules/\n',
  '.env': `DATABASE_URL=postgresql://app:${PASSWORD}@db.internal:5432/app\nJWT_SECRET=${JWT}\n`,
  'package.json': JSON.stringify({ name: 'api', type: 'module', dependencies: { '@prisma/client': '5.0.0', hono: '4.0.0' } }),
  'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\n\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n",
  'src/routes/reports.ts': "import { PrismaClient } from '@prisma/client'\n\nconst prisma = new PrismaClient()\n\nexport async function list() {\n  return prisma.report.findMany()\n}\n",
}

interface SarifReplacement {
  deletedRegion: { charOffset: number; charLength: number }
  insertedContent?: { text: string }
}
interface SarifResult {
  ruleId: string
  ruleIndex: number
  partialFingerprints: Record<string, string>
  properties: Record<string, unknown>
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>
  fixes?: Array<{ artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: SarifReplacement[] }> }>
}
type SarifRule = { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }
const resultsOf = (log: SarifLog): SarifResult[] => log.runs[0].results as unknown as SarifResult[]

function apply(before: string, replacements: SarifReplacement[]): string {
  let text = before
  for (const r of [...replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset)) {
    text = text.slice(0, r.deletedRegion.charOffset) + (r.insertedContent?.text ?? '') + text.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength)
  }
  return text
}

describe('buildSarif', async () => {
  const plan = await planTree(tree, transforms)
  const sarif = buildSarif(plan, { root: '/work/api', version: '1.2.3', transforms: transforms.map((t) => t.meta) })
  const results = resultsOf(sarif)

  it('is valid SARIF 2.1.0 by the official schema', () => {
    expect(plan.fixes.length).toBeGreaterThan(3)
    expect(plan.findings.length).toBeGreaterThan(0)
    const ok = validate(sarif)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('has one result per fix and per finding, with rules from the transforms metadata', () => {
    expect(results).toHaveLength(plan.fixes.length + plan.findings.length)
    const rules = (sarif.runs[0].tool as unknown as { driver: { rules: SarifRule[] } }).driver.rules
    expect(rules.map((r) => r.id)).toEqual(transforms.map((t) => t.meta.id))
    expect(rules.find((r) => r.id === 'secrets')).toMatchObject({ shortDescription: { text: transforms.find((t) => t.meta.id === 'secrets')!.meta.title }, defaultConfiguration: { level: 'error' } })
    for (const result of results) expect(rules[result.ruleIndex].id).toBe(result.ruleId)
  })

  it('carries each edit as replacements that turn the original text into the fixed one', () => {
    let checked = 0
    for (const fix of plan.fixes) {
      const result = results.find((r) => r.properties.change !== undefined && r.locations[0].physicalLocation.artifactLocation.uri === fix.change.path && r.ruleId === fix.transform.id)!
      if (fix.change.after === fix.change.before) continue
      const change = result.fixes![0].artifactChanges[0]
      expect(change.artifactLocation.uri).toBe(fix.change.path)
      expect(apply(fix.change.before ?? '', change.replacements)).toBe(fix.change.after ?? '')
      checked++
    }
    expect(checked).toBeGreaterThan(3)
  })

  it('never contains a secret value', () => {
    const text = JSON.stringify(sarif)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(JWT)
  })

  it('keeps fingerprints when the lines move', async () => {
    const shifted = await planTree({ ...tree, 'src/routes/reports.ts': `// a comment\n// another\n${tree['src/routes/reports.ts']}` }, transforms)
    const again = buildSarif(shifted, { root: '/work/api', version: '1.2.3', transforms: transforms.map((t) => t.meta) })
    const prints = (log: SarifLog): string[] => resultsOf(log).map((r) => JSON.stringify(r.partialFingerprints)).sort()
    expect(prints(again)).toEqual(prints(sarif))
    const line = (log: SarifLog): number => resultsOf(log).find((r) => r.ruleId === 'prisma-singleton')!.locations[0].physicalLocation.region.startLine
    expect(line(again)).toBe(line(sarif) + 2)
  })
})

describe('changeReplacements', () => {
  it('narrows an edit to the characters that differ', () => {
    expect(changeReplacements({ path: '.env', before: 'A=1\nURL=postgres://h/db\nB=2\n', after: 'A=1\nURL=postgres://h/db?connection_limit=5\nB=2\n' })).toEqual([
      { offset: 23, length: 0, text: '?connection_limit=5' },
    ])
  })

  it('creates and deletes whole files', () => {
    expect(changeReplacements({ path: 'a', before: null, after: 'x\n' })).toEqual([{ offset: 0, length: 0, text: 'x\n' }])
    expect(changeReplacements({ path: 'a', before: 'x\n', after: null })).toEqual([{ offset: 0, length: 2, text: '' }])
    expect(changeReplacements({ path: 'a', before: 'x\n', after: 'x\n', untrack: true })).toEqual([])
  })
})
