import type { Command } from 'commander'
import { renderAuditChecklist } from '../audit/render.js'
import { reconcileAudit, type AuditOutcome } from '../audit/status.js'
import type { LoadedAudit } from '../audit/load.js'
import type { Plan } from '../engine/plan.js'
import type { VerifyResult } from '../verify/apply.js'
import { formatDiagnostic } from '../verify/typecheck.js'
import type { FixStatus, ReportExtras, VerificationReport } from './json.js'
import { auditItems, buildReadiness, renderReadiness, scanItems, type Readiness } from './readiness.js'

/** What --audit and the readiness summary say about one plan and its outcome. */
export interface Trace {
  audit?: { loaded: LoadedAudit; outcome: AuditOutcome }
  readiness: Readiness
}

/** Lines up the plan (and each fix's outcome) with the audit, when there is one, and sums up readiness. */
export function traceRun(plan: Plan, options: { audit?: LoadedAudit; status?: ReadonlyMap<string, FixStatus>; ran: readonly string[]; registry: readonly string[] }): Trace {
  if (!options.audit) return { readiness: buildReadiness(scanItems(plan, options.status), 'scan') }
  const outcome = reconcileAudit(options.audit.report, plan, { status: options.status, ran: options.ran, registry: options.registry })
  return { audit: { loaded: options.audit, outcome }, readiness: buildReadiness(auditItems(outcome.entries), 'audit') }
}

/** The --json additions: the audit array and readiness with --audit, and the verification outcome after an apply. */
export function traceExtras(trace: Trace, verification?: VerifyResult): ReportExtras {
  return {
    ...(trace.audit ? { audit: trace.audit.outcome.entries, readiness: trace.readiness } : {}),
    ...(verification ? { verification: verificationReport(verification) } : {}),
  }
}

/** The terminal lines: the audit's checklist (with --audit), then readiness by category. */
export function renderTrace(trace: Trace): string[] {
  const lines: string[] = []
  if (trace.audit) lines.push('', ...renderAuditChecklist(trace.audit.outcome, { file: trace.audit.loaded.file, title: trace.audit.loaded.report.title }))
  if (trace.readiness.rows.some((row) => row.found > 0)) lines.push('', ...renderReadiness(trace.readiness))
  return lines
}

/** The verification outcome for the report. */
export function verificationReport(result: VerifyResult): VerificationReport {
  return {
    verified: result.verified,
    command: result.command ?? null,
    reason: result.reason ?? null,
    failed: result.failed.map(({ fix, diagnostics }) => ({ transform: fix.transform.id, file: fix.change.path, errors: diagnostics.map(formatDiagnostic) })),
  }
}

/** One line per reverted fix, plus the one "not type-checked" notice. */
export function renderVerification(result: VerifyResult, redact: (text: string) => string): string[] {
  if (!result.verified) return [`ℹ ${result.reason}; only the parse check guarded the fixes.`]
  const lines = [`✔ Type-checked with ${result.command} before and after (${result.checks} run(s)).`]
  for (const { fix, diagnostics } of result.failed) {
    lines.push(`✖ Reverted ${fix.transform.id} in ${fix.change.path}: it adds type errors:`, ...diagnostics.slice(0, 5).map((d) => `    ${redact(formatDiagnostic(d))}`))
    if (diagnostics.length > 5) lines.push(`    … and ${diagnostics.length - 5} more`)
  }
  return lines
}

/** The flags of audit ingestion, SARIF and verification, as commander parses them. */
export interface TraceFlags {
  audit?: string
  sarif?: string
  /** false with --no-verify; on by default where the repository can type-check. */
  verify?: boolean
}

/** Adds --audit, --sarif and --verify/--no-verify to a command. */
export function addTraceOptions(command: Command): Command {
  return command
    .option('--audit <file>', "read a Markdown audit report and show its checklist with what prod-fix did for each finding (in --json: \"audit\")")
    .option('--sarif <file>', 'also write the fixes and findings as SARIF 2.1.0 (GitHub code scanning)')
    .option('--verify', "type-check with the repository's own tools before and after applying, and revert fixes that add errors (default when it can)")
    .option('--no-verify', 'apply without the type check')
}
