import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ignore from 'ignore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { renderDiff, renderSummary } from '../src/cli/render.js'
import { applyFixes } from '../src/engine/apply.js'
import { planFixes, type Plan } from '../src/engine/plan.js'
import { diskSource } from '../src/engine/source.js'
import { buildJsonReport } from '../src/report/json.js'
import { transforms } from '../transforms/index.js'

// What the audits of this application (seeds 000 and 001) ask for, file by file.
const EXAMPLE = join(import.meta.dirname, '..', 'examples', 'medspa-api')

const CONSOLE_FILES = [
  'src/index.ts',
  'src/lib/db.ts',
  'src/middleware/error-handler.ts',
  'src/routes/appointments.ts',
  'src/routes/clients.ts',
  'src/routes/financial-reports.ts',
]

/** Copies the example into a fresh git repository, as `npm run demo` does. */
function copyExample(): string {
  const repo = join(mkdtempSync(join(tmpdir(), 'prod-fix-example-')), 'medspa-api')
  cpSync(EXAMPLE, repo, { recursive: true, filter: (source) => !/[\\/](?:node_modules|dist)$/.test(source) })
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid' }
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'example']]) {
    const result = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  }
  return repo
}

let repo: string
let plan: Plan
const original = (path: string): string => readFileSync(join(EXAMPLE, path), 'utf8')
const filesFixedBy = (id: string): string[] => plan.fixes.filter((fix) => fix.transform.id === id).map((fix) => fix.change.path).sort()
/** The text of a file after every transform of the run (the last fix to touch it holds it). */
const finalText = (path: string): string => {
  const after = plan.fixes.filter((fix) => fix.change.path === path).at(-1)?.change.after
  if (typeof after !== 'string') throw new Error(`no fix leaves text in ${path}`)
  return after
}
const lineOf = (text: string, needle: string, from = 0): number => text.slice(0, text.indexOf(needle, from)).split('\n').length

beforeAll(async () => {
  repo = copyExample()
  plan = await planFixes(diskSource(repo), { transforms })
})

afterAll(() => {
  rmSync(join(repo, '..'), { recursive: true, force: true })
})

describe('the bundled example (examples/medspa-api)', () => {
  it('plans without errors', () => {
    expect(plan.errors).toEqual([])
  })

  it.each([
    ['gitignore-env', ['.gitignore']],
    ['cloudbuild-cloudrun', ['cloudbuild.yaml']],
    ['prisma-singleton', ['src/routes/financial-reports.ts']],
    ['prisma-error-format', ['src/lib/prisma.ts']],
    ['prisma-shutdown', ['src/index.ts']],
    ['health-check', ['src/routes/health.ts']],
    ['console-logger', CONSOLE_FILES],
  ])('%s fixes exactly %j', (id, files) => {
    expect(filesFixedBy(id)).toEqual(files)
  })

  it('leaves the environment check, the logger module and the seed script alone', () => {
    const touched = new Set(plan.fixes.map((fix) => fix.change.path))
    for (const path of ['src/config/env.ts', 'src/lib/logger.ts', 'prisma/seed.ts', 'prisma/schema.prisma']) expect(touched.has(path), path).toBe(false)
  })

  it('replaces the duplicate client with the singleton, keeping the Prisma namespace import', () => {
    const after = finalText('src/routes/financial-reports.ts')
    expect(after).not.toMatch(/PrismaClient/)
    expect(after).toMatch(/import \{ prisma \} from '\.\.\/lib\/prisma\.js';/)
    expect(after).toMatch(/import \{ Prisma \} from '@prisma\/client';/)
  })

  it('keeps errorFormat pretty in development only', () => {
    const after = finalText('src/lib/prisma.ts')
    expect(after).toMatch(/errorFormat: .*'minimal'/)
    expect(after).toMatch(/errorFormat: .*'pretty'/)
  })

  it('makes both shutdown handlers call the existing disconnectDatabase()', () => {
    const after = finalText('src/index.ts')
    expect(after).toMatch(/import \{[^}]*\bdisconnectDatabase\b[^}]*\} from '\.\/lib\/db\.js';/)
    expect(after).toMatch(/await disconnectDatabase\(\)/)
    expect(after).toMatch(/process\.on\('SIGTERM'/)
    expect(after).toMatch(/process\.on\('SIGINT'/)
    expect(after).not.toMatch(/new PrismaClient/)
  })

  it('makes the readiness check ask the database through checkDatabaseHealth() and leaves liveness as it was', () => {
    const before = original('src/routes/health.ts')
    const after = finalText('src/routes/health.ts')
    expect(after).toMatch(/import \{[^}]*\bcheckDatabaseHealth\b[^}]*\} from '\.\.\/lib\/db\.js';/)
    expect(after).toMatch(/await checkDatabaseHealth\(\)/)
    expect(after).not.toMatch(/dbHealthy = true/)
    const liveness = before.slice(before.indexOf("health.get('/',"), before.indexOf("health.get('/ready'"))
    expect(after).toContain(liveness)
  })

  it('logs through the pino logger with the path each file needs, keeping errors in the merge object', () => {
    const imports: Record<string, string> = { 'src/index.ts': './lib/logger.js', 'src/lib/db.ts': './logger.js' }
    for (const path of CONSOLE_FILES) {
      // Console output right before process.exit() may stay: an asynchronous logger could lose it.
      const after = finalText(path).replace(/console\.\w+\((?:[^\n]*\n){1,8}?[^\n]*process\.exit\(/g, '')
      expect(after, path).not.toMatch(/console\./)
      expect(after, path).toContain(`import { logger } from '${imports[path] ?? '../lib/logger.js'}';`)
    }
    expect(finalText('src/routes/financial-reports.ts')).toMatch(/logger\.error\(\{ err: error \}, 'Failed to build revenue report:?'\)/)
    expect(finalText('src/routes/appointments.ts')).toMatch(/logger\.error\(\{ err: error \}, 'Booking failed'\)/)
  })

  it('ignores .env in git without reordering the existing .gitignore', () => {
    const before = original('.gitignore')
    const after = finalText('.gitignore')
    expect(after.startsWith(before)).toBe(true)
    const rules = ignore().add(after)
    for (const path of ['.env', '.env.local', '.env.production', '.env.development']) expect(rules.ignores(path), path).toBe(true)
    expect(rules.ignores('.env.example')).toBe(false)
  })

  it('stops tracking .env and documents its keys in .env.example without the values', () => {
    expect(filesFixedBy('secrets')).toEqual(['.env', '.env.example'])
    const untrack = plan.fixes.find((fix) => fix.transform.id === 'secrets' && fix.change.path === '.env')!
    expect(untrack.change.untrack).toBe(true)
    const example = finalText('.env.example')
    for (const key of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'CORS_ORIGINS', 'LOG_LEVEL', 'ENCRYPTION_KEY', 'JWT_SECRET']) expect(example).toMatch(new RegExp(`^${key}=`, 'm'))
    for (const secret of secretValues()) expect(example).not.toContain(secret)
  })

  it('reports each committed secret on its line, to be rotated', () => {
    const env = original('.env')
    const lines = plan.findings.filter((f) => f.transform === 'secrets').map((f) => `${f.path}:${f.line}`)
    expect(lines.sort()).toEqual(['.env:' + lineOf(env, 'DATABASE_URL=postgresql://postgres:'), '.env:' + lineOf(env, 'ENCRYPTION_KEY='), '.env:' + lineOf(env, 'JWT_SECRET=')].sort())
  })

  it('adds pool limits to both DATABASE_URLs, keeping sslmode, quotes and the commented line', () => {
    expect(filesFixedBy('pool-params')).toContain('.env')
    expect(filesFixedBy('pool-params').every((path) => ['.env', '.env.example'].includes(path))).toBe(true)
    const after = finalText('.env')
    const urls = after.split('\n').filter((line) => line.startsWith('DATABASE_URL='))
    expect(urls).toHaveLength(2)
    for (const line of urls) for (const param of ['connection_limit=', 'pool_timeout=', 'connect_timeout=']) expect(line).toContain(param)
    expect(urls[0]).toMatch(/\?sslmode=require&/)
    expect(urls[1]).toMatch(/^DATABASE_URL="postgresql:\/\/medspa@localhost:5432\/medspa_dev\?[^"]+"$/)
    expect(after).toContain('# DATABASE_URL=postgresql://postgres:PASSWORD@/medspa?host=/cloudsql/medspa-prod:us-central1:medspa-db\n')
    expect(finalText('.env.example')).toMatch(/^DATABASE_URL=.*connection_limit=/m)
  })

  it('reports that the second DATABASE_URL silently overrides the first', () => {
    const env = original('.env')
    const duplicate = plan.findings.filter((f) => f.transform === 'pool-params' && f.path === '.env' && /DATABASE_URL/.test(f.message))
    expect(duplicate).toHaveLength(1)
    const definitions = env.split('\n').flatMap((line, index) => (line.startsWith('DATABASE_URL=') ? [index + 1] : []))
    expect(definitions).toHaveLength(2)
    expect(definitions).toContain(duplicate[0]!.line)
  })

  it('deploys to Cloud Run through Cloud SQL and Secret Manager, with the audit’s limits', () => {
    const yaml = parseYaml(finalText('cloudbuild.yaml')) as { steps: Array<{ args: string[] }>; timeout: string }
    const args = yaml.steps[2]!.args.join(' ')
    for (const flag of ['--add-cloudsql-instances', '--set-secrets', '--min-instances', '--concurrency']) expect(args.split(flag)).toHaveLength(2)
    expect(args).toMatch(/--timeout[ =]60\b/)
    expect(args).not.toMatch(/300/)
    expect(args).toMatch(/--set-secrets[ =]\S*DATABASE_URL=/)
    expect(args).not.toMatch(/--set-env-vars[ =]\S*DATABASE_URL/)
    expect(yaml.timeout).toBe('1200s')
  })

  it('never shows a secret value in the JSON report, the diffs or the summary', () => {
    const redact = (text: string): string => plan.redactor.redact(text)
    const output = [
      JSON.stringify(buildJsonReport(plan, repo, '0.0.0')),
      ...plan.fixes.map((fix) => renderDiff(fix, redact)),
      ...renderSummary(plan, { verbose: true }),
    ].join('\n')
    for (const secret of secretValues()) expect(output).not.toContain(secret)
  })

  it('proposes nothing once every fix is applied', async () => {
    await applyFixes(repo, plan.fixes)
    const again = await planFixes(diskSource(repo), { transforms })
    expect(again.fixes.map((fix) => fix.id)).toEqual([])
    expect(again.errors).toEqual([])
  })
})

/** The fake secrets of the example's .env, read from it rather than repeated here. */
function secretValues(): string[] {
  const env = original('.env')
  const values = [/postgres:([^@]+)@/.exec(env)![1]!, /^ENCRYPTION_KEY=(.+)$/m.exec(env)![1]!, /^JWT_SECRET=(.+)$/m.exec(env)![1]!]
  expect(values.every((value) => value.length >= 32)).toBe(true)
  return values
}
