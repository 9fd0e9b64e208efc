import { posix } from 'node:path'
import MagicString from 'magic-string'
import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, TransformContext } from '../src/types.js'
import { addQueryParameters, classifyDatabaseUrl } from './lib/env/database-url.js'
import { isEnvFile } from './lib/env/parse.js'
import { POOL_PARAMETERS, poolValuesFor, readPoolOptions, type PoolOptions } from './lib/env/pool-options.js'
import { adapterFor, isPrismaScope, pooledVariableNames, readPrismaSetup, type PrismaSetup } from './lib/env/prisma-project.js'
import { scanComposeFile, scanEnvFile, scanPrismaSchema, type SiteScan, type ValueSite } from './lib/env/url-sites.js'

export default defineTransform({
  meta: {
    id: 'pool-params',
    title: 'Add connection pool limits to DATABASE_URL',
    severity: 'critical',
    audit: { ref: 'pool-params', finding: 'No connection pool limits on DATABASE_URL' },
    description:
      'Without connection_limit, pool_timeout and connect_timeout, Prisma opens num_cpus*2+1 connections per instance and waits forever for one; under load the database runs out of connections. Adds only the missing parameters to the PostgreSQL/MySQL URLs that schema.prisma\'s datasource reads (DATABASE_URL by default) in env files, docker-compose environment blocks and literal datasource urls, keeping everything else as written. Leaves alone directUrl, SQLite, Accelerate, placeholders and clients behind a driver adapter (which size their pool on the driver). Per-file values: `perFile`, keyed by path, file name or glob, e.g. { ".env.production": "connection_limit=5&pool_timeout=30" }; more variable names: `variables`.',
    files: ['**/.env', '**/.env.*', '**/.env[-_]*', '**/*.env', '**/docker-compose*.{yml,yaml}', '**/compose*.{yml,yaml}', '**/*.prisma'],
    contains: ['postgres', 'mysql'],
    options: { connection_limit: 10, pool_timeout: 20, connect_timeout: 15, variables: [], perFile: {} },
    example: {
      file: '.env',
      before: 'DATABASE_URL="postgresql://app@db:5432/app?schema=public"',
      after: 'DATABASE_URL="postgresql://app@db:5432/app?schema=public&connection_limit=10&pool_timeout=20&connect_timeout=15"',
    },
  },
  run(ctx) {
    const options = readPoolOptions(ctx.options)
    const setup = readPrismaSetup(ctx)
    if (!setup.usesPrisma) return { changes: [] }
    const variables = pooledVariableNames(setup, options.variables)
    const changes: FileChange[] = []
    const findings: Finding[] = [...options.problems]
    const notes: Finding[] = []
    const errors: Array<{ path: string; message: string }> = []
    for (const path of ctx.candidates()) {
      const text = ctx.read(path)
      const scan = text === undefined ? undefined : scanFile(path, text)
      if (text === undefined || !scan) continue
      const edit = new MagicString(text)
      const wanted = (site: ValueSite): boolean => (path.endsWith('.prisma') ? site.key === 'url' : variables.has(site.key))
      const fileNotes: Finding[] = []
      for (const site of scan.sites.filter(wanted)) addParameters(ctx, { path, text, site, options, setup, edit, notes: fileNotes })
      // An unreadable line only matters when this file has something to fix or the line may be the URL itself.
      const { problem } = scan
      if (problem && (edit.hasChanged() || problem.keys.some((key) => variables.has(key) || (key === '*' && [...variables].some((v) => text.includes(v)))))) {
        const where = problem.message.startsWith('line ') ? '' : `line ${problem.line}: `
        errors.push({ path, message: `${where}${problem.message}; left unchanged (fix the file and run prod-fix again)` })
        continue
      }
      notes.push(...fileNotes)
      for (const [key, lines] of scan.duplicates) {
        if (!variables.has(key)) continue
        findings.push({
          path,
          line: lines[lines.length - 1]!,
          message: `${key} is assigned ${lines.length} times (lines ${lines.join(', ')}); dotenv uses the last one (line ${lines[lines.length - 1]}). Decide which database this environment should use and delete the other lines.`,
          severity: 'medium',
        })
      }
      if (edit.hasChanged()) changes.push({ path, before: text, after: edit.toString(), reason: `Add ${POOL_PARAMETERS.join(', ')} where missing` })
    }
    return { changes, findings, notes, errors }
  },
})

/** The directories whose code reads the value: the file's own, or each compose service's build context. */
function readerDirs(path: string, site: ValueSite): Array<string | undefined> {
  const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path)
  if (!site.contexts) return [dir]
  return site.contexts.map((context) => {
    if (context === undefined) return dir
    // A remote context (git URL) is code this repository does not hold.
    if (/^[a-z][a-z0-9+.-]*:|^git@/i.test(context)) return undefined
    const resolved = posix.normalize(posix.join(dir, context)).replace(/\/$/, '')
    return resolved === '.' ? '' : resolved.startsWith('..') ? undefined : resolved
  })
}

function scanFile(path: string, text: string): SiteScan | undefined {
  if (path.endsWith('.prisma')) return scanPrismaSchema(text)
  if (/\.ya?ml$/.test(path)) return scanComposeFile(text)
  return isEnvFile(path) ? scanEnvFile(text) : undefined
}

interface SiteEdit {
  path: string
  text: string
  site: ValueSite
  options: PoolOptions
  setup: PrismaSetup
  edit: MagicString
  notes: Finding[]
}

// Before: DATABASE_URL="postgresql://u@db:5432/app?sslmode=require"
// After:  DATABASE_URL="postgresql://u@db:5432/app?sslmode=require&connection_limit=10&pool_timeout=20&connect_timeout=15"
function addParameters(ctx: TransformContext, { path, text, site, options, setup, edit, notes }: SiteEdit): void {
  const raw = text.slice(site.start, site.end)
  const verdict = classifyDatabaseUrl(raw)
  const where = site.key === 'url' ? 'the datasource url' : site.key
  if (verdict.kind === 'skip') {
    if (raw.trim() !== '') notes.push({ path, line: site.line, message: `${where} left as is: ${verdict.reason}` })
    return
  }
  const foreign = readerDirs(path, site).filter((dir) => dir === undefined || !isPrismaScope(setup, dir))
  if (foreign.length > 0) {
    const who = foreign[0] === undefined ? 'a service built from outside this repository' : `the project in ${foreign[0] || 'the repository root'}`
    notes.push({ path, line: site.line, message: `${where} left as is: it is read by ${who}, which does not use Prisma; its driver may reject Prisma's pool parameters` })
    return
  }
  const adapter = adapterFor(setup, site.key, ctx.project.packageOf(path)?.dir ?? '')
  if (adapter) {
    notes.push({ path, line: site.line, message: `${where} left as is: the client uses ${adapter}, which ignores pool parameters in the URL; size the driver's pool instead (pg: new Pool({ max, connectionTimeoutMillis }))` })
    return
  }
  const values = poolValuesFor(options, path)
  const { text: updated } = addQueryParameters(raw, POOL_PARAMETERS.map((name) => [name, values[name]] as const))
  if (updated !== raw) edit.overwrite(site.start, site.end, updated)
}
