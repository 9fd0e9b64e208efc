import MagicString from 'magic-string'
import picomatch from 'picomatch'
import { lineAt } from '../src/engine/ast.js'
import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, ParsedFile, TransformContext } from '../src/types.js'
import { NON_RUNTIME_FILES, SCRIPT_FILES } from './lib/globs.js'
import { usesPrisma } from './lib/health/database-helpers.js'
import { addReadinessRoute, healthAccess, privateClientFinding, replacePlaceholder, rewriteReadiness, findPlaceholder } from './lib/health/fixes.js'
import { callResolver } from './lib/health/delegation.js'
import { checksDatabase, codeOf, findHealthRoutes, type HealthRoute } from './lib/health/routes.js'
import { PRISMA_LOOKUPS } from './lib/prisma.js'

export default defineTransform({
  meta: {
    id: 'health-check',
    title: 'Check the database in the readiness probe',
    severity: 'high',
    audit: { ref: 'health-check', finding: 'Health check not testing database connectivity' },
    description:
      "A readiness check that returns true without touching the database keeps sending traffic to an instance whose database is down. Replaces the placeholder with a real query (the project's own check if it has one) and answers 503 when it fails; adds /health/ready beside a liveness-only /health.",
    files: SCRIPT_FILES,
    lookups: PRISMA_LOOKUPS,
    // Not a bare 'ready': it also matches "already", in several percent of all files.
    contains: ['health', 'Health', '/ready', "'ready'", '"ready"', 'readiness', 'Readiness'],
    example: {
      file: 'src/routes/health.ts',
      before: 'const dbHealthy = true // TODO: check database',
      after: 'const dbHealthy = (await checkDatabaseHealth()).healthy',
    },
  },
  run(ctx) {
    const changes: FileChange[] = []
    const findings: Finding[] = []
    const notes: Finding[] = []
    if (!usesPrisma(ctx)) return { changes }
    const nonRuntime = picomatch(NON_RUNTIME_FILES, { dot: true })
    const routed: Array<{ file: ParsedFile; routes: HealthRoute[] }> = []
    for (const path of ctx.candidates()) {
      if (nonRuntime(path)) continue
      const file = ctx.parse(path)
      const routes = file ? findHealthRoutes(file) : []
      if (file && routes.length > 0) routed.push({ file, routes })
    }
    const packageOf = (path: string): string => ctx.project.packageOf(path)?.dir ?? ''
    // A package with a readiness route, or any health route that already queries the database, gets no new one.
    const withReadiness = new Set(routed.filter(({ file, routes }) => routes.some((r) => r.kind === 'readiness' || (r.kind === 'probe' && checksDatabase(file, r.handler, callResolver(ctx, file))))).map(({ file }) => packageOf(file.path)))
    for (const { file, routes } of routed) {
      const pkg = packageOf(file.path)
      const result = fixFile(ctx, file, routes, !withReadiness.has(pkg))
      if (result.added) withReadiness.add(pkg)
      if (result.change) changes.push(result.change)
      findings.push(...result.findings)
      notes.push(...result.notes)
    }
    return { changes, findings, notes }
  },
})

interface FileResult {
  change?: FileChange
  added: boolean
  findings: Finding[]
  notes: Finding[]
}

function fixFile(ctx: TransformContext, file: ParsedFile, routes: HealthRoute[], mayAddReadiness: boolean): FileResult {
  const findings: Finding[] = []
  const notes: Finding[] = []
  const line = (route: HealthRoute): number => lineAt(file.text, route.handler.start!)
  const leak = privateClientFinding(ctx, file, routes)
  if (leak) return { added: false, findings: [leak], notes }
  const edit = new MagicString(file.text)
  const resolve = callResolver(ctx, file)
  const fileChecks = routes.some((r) => checksDatabase(file, r.handler, resolve))
  let added = false
  const access = (route: HealthRoute): ReturnType<typeof healthAccess> => healthAccess(ctx, file, route, edit)
  for (const route of routes) {
    const placeholder = findPlaceholder(file, route.handler)
    if (placeholder) {
      const via = access(route)
      if (!via) {
        notes.push({ path: file.path, line: line(route), message: 'placeholder database check, but no Prisma client or health helper was found to call' })
        continue
      }
      replacePlaceholder(edit, file, route, placeholder, via)
      if (!/\b503\b|SERVICE_UNAVAILABLE|ServiceUnavailable/.test(codeOf(file, route.handler.start!, route.handler.end!))) {
        findings.push({ path: file.path, line: line(route), message: `${route.path} answers 200 even when ${placeholder.name} is false: return 503 so the load balancer stops routing here` })
      }
      continue
    }
    if (route.kind !== 'readiness' || checksDatabase(file, route.handler, resolve)) continue
    if (isDeliberatelyDatabaseFree(file, route)) {
      notes.push({ path: file.path, line: line(route), message: `${route.path} is documented as database-free: left as it is` })
      continue
    }
    if (fileChecks) {
      notes.push({ path: file.path, line: line(route), message: `${route.path} does not query the database, but another health route of this file does: left as it is` })
      continue
    }
    const via = access(route)
    if (!via) {
      notes.push({ path: file.path, line: line(route), message: `${route.path} answers without checking the database, but no Prisma client or health helper was found to call` })
      continue
    }
    rewriteReadiness(edit, file, route, via)
  }
  if (mayAddReadiness && !fileChecks) {
    const liveness = routes.find((r) => r.kind === 'liveness' && r.anchor && !findPlaceholder(file, r.handler))
    const via = liveness && access(liveness)
    if (liveness && via) added = addReadinessRoute(edit, file, liveness, via)
    else if (liveness) notes.push({ path: file.path, line: line(liveness), message: 'liveness-only health route, but no Prisma client or health helper was found for a readiness route' })
  }
  if (!edit.hasChanged()) return { added, findings, notes }
  return { change: { path: file.path, before: file.text, after: edit.toString(), reason: 'readiness answers 503 when the database is down' }, added, findings, notes }
}

/** A readiness route whose comments say it skips the database on purpose (its own or the statement's above it). */
function isDeliberatelyDatabaseFree(file: ParsedFile, route: HealthRoute): boolean {
  const start = route.anchor?.leadingComments?.[0]?.start ?? route.handler.start!
  return /\b(?:no|without|skip\w*)\s+(?:the\s+)?(?:db|database)\b|\bdeliberately\b|\bon purpose\b/i.test(file.text.slice(start, route.handler.end!))
}
