import type { AuditEntry } from '../audit/status.js'
import type { Plan } from '../engine/plan.js'
import type { Readiness } from './readiness.js'

export type FixStatus = 'proposed' | 'applied' | 'rejected' | 'failed'

/** The `--json` report: a contract other tools and the benchmarks read (see README). */
export interface JsonReport {
  tool: 'prod-fix'
  version: string
  root: string
  fixes: Array<{ transform: string; file: string; line: number; title: string; severity: string; status: FixStatus }>
  findings: Array<{ transform: string; file: string; line: number; severity: string; message: string }>
  errors: Array<{ file: string; message: string }>
  skipped: Array<{ file: string; reason: string }>
  summary: {
    files_scanned: number
    files_changed: number
    fixes: number
    findings: number
    errors: number
    files_skipped: { binary: number; too_large: number; symlink: number }
    duration_ms: number
  }
  /** After an apply on a branch: the branch holding the fixes (null when none was made). */
  branch?: string | null
  /** After an apply on a branch: the commits this run made, oldest first. */
  commits?: Array<{ sha: string; transform: string; subject: string; files: string[] }>
  /** After --pr: the pull request's URL (null when none was opened or updated). */
  pr?: string | null
  /** With --audit: one entry per finding of the report, with what prod-fix did about it. */
  audit?: AuditEntry[]
  /** Found, fixed and left per audit category, and the score before and after. */
  readiness?: Readiness
  /** After an apply: whether the repository's type check ran, and the fixes it made prod-fix revert. */
  verification?: VerificationReport
}

export interface VerificationReport {
  verified: boolean
  command: string | null
  /** Why the repository was not type-checked (null when it was). */
  reason: string | null
  failed: Array<{ transform: string; file: string; errors: string[] }>
}

/** What --audit, the readiness summary and --verify add to the report. */
export interface ReportExtras {
  audit?: readonly AuditEntry[]
  readiness?: Readiness
  verification?: VerificationReport
}

/** What an apply on a branch adds to the report. */
export interface GitReport {
  branch: string | null
  commits: Array<{ sha: string; transform: string; subject: string; files: string[] }>
  pr: string | null
}

/** Builds the machine report of a plan; `status` gives each fix id's outcome (default proposed). Secret values are masked. */
export function buildJsonReport(
  plan: Plan,
  root: string,
  version: string,
  status: ReadonlyMap<string, FixStatus> = new Map(),
  git?: GitReport,
  extras: ReportExtras = {},
): JsonReport {
  const redact = (text: string): string => plan.redactor.redact(text)
  const count = (reason: string): number => plan.skipped.filter((skip) => skip.reason === reason).length
  const fixes = plan.fixes.map((fix) => ({
    transform: fix.transform.id,
    file: fix.change.path,
    line: fix.line,
    title: fix.transform.title,
    severity: fix.transform.severity,
    status: status.get(fix.id) ?? 'proposed',
  }))
  const changed = new Set(fixes.filter((fix) => fix.status !== 'rejected' && fix.status !== 'failed').map((fix) => fix.file))
  return {
    tool: 'prod-fix',
    version,
    root,
    fixes,
    findings: plan.findings.map((f) => ({ transform: f.transform, file: f.path, line: f.line, severity: f.severity, message: redact(f.message) })),
    errors: plan.errors.map((e) => ({ file: e.file, message: redact(e.message) })),
    skipped: plan.skipped.map((s) => ({ file: s.file, reason: s.reason })),
    summary: {
      files_scanned: plan.filesScanned,
      files_changed: changed.size,
      fixes: fixes.length,
      findings: plan.findings.length,
      errors: plan.errors.length,
      files_skipped: { binary: count('binary'), too_large: count('too-large'), symlink: count('symlink') },
      duration_ms: plan.durationMs,
    },
    ...(git ? { branch: git.branch, commits: git.commits.map((c) => ({ ...c, subject: redact(c.subject) })), pr: git.pr } : {}),
    ...extrasToJson(extras, redact),
  }
}

/** The report fields of --audit, readiness and --verify, in the contract's key order, secrets masked. */
export function extrasToJson(extras: ReportExtras, redact: (text: string) => string): Pick<JsonReport, 'audit' | 'readiness' | 'verification'> {
  return {
    ...(extras.audit
      ? {
          audit: extras.audit.map((e) => ({
            finding: redact(e.finding),
            severity: e.severity,
            status: e.status,
            transforms: e.transforms,
            reason: redact(e.reason),
            left: e.left.map(redact),
            category: e.category,
            line: e.line,
            files: e.files,
          })),
        }
      : {}),
    ...(extras.readiness ? { readiness: extras.readiness } : {}),
    ...(extras.verification
      ? {
          verification: {
            ...extras.verification,
            reason: extras.verification.reason && redact(extras.verification.reason),
            failed: extras.verification.failed.map((f) => ({ ...f, errors: f.errors.map(redact) })),
          },
        }
      : {}),
  }
}
