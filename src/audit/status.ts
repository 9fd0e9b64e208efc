import type { Fix, Plan } from '../engine/plan.js'
import type { FixStatus } from '../report/json.js'
import type { Severity } from '../types.js'
import { TRANSFORM_CONCEPTS, type ReadinessCategory } from './concepts.js'
import { mapFinding } from './map.js'
import type { AuditFinding, AuditLocation, AuditReport } from './parse.js'

export type AuditStatus = 'fixed' | 'proposed' | 'manual' | 'not-applicable'

/** One line of the audit's checklist: the finding as written and what prod-fix did about it. */
export interface AuditEntry {
  finding: string
  severity: Severity
  status: AuditStatus
  transforms: string[]
  reason: string
  /** What stays for a human on this finding, even when prod-fix fixed its part (rotate the leaked password). */
  left: string[]
  category: ReadinessCategory
  /** Line of the finding in the report. */
  line: number
  files: AuditLocation[]
}

export interface AuditOutcome {
  entries: AuditEntry[]
  /** Transforms with fixes that no finding of the report asked for. */
  unrequested: Array<{ transform: string; fixes: number }>
}

export interface ReconcileOptions {
  /** Each fix id's outcome; absent means proposed (a dry run). */
  status?: ReadonlyMap<string, FixStatus>
  /** Transform ids that ran (after --only/--skip and config). */
  ran: readonly string[]
  /** Every transform id, in registry order. */
  registry: readonly string[]
}

/** Lines up each finding of an audit with the fixes and findings of a plan: the audit's checklist with prod-fix's answer. */
export function reconcileAudit(report: AuditReport, plan: Plan, options: ReconcileOptions): AuditOutcome {
  // A report can quote the leaked values themselves: they are masked like the repository's own.
  for (const finding of report.findings) plan.redactor.scan(`${finding.title}\n${finding.text}`)
  const redact = (text: string): string => plan.redactor.redact(text)
  const statusOf = (fix: Fix): FixStatus => options.status?.get(fix.id) ?? 'proposed'
  const used = new Set<string>()
  const entries = report.findings.map((finding): AuditEntry => {
    const mapping = mapFinding(finding, options.registry)
    const withFixes = (id: string): boolean => plan.fixes.some((fix) => fix.transform.id === id)
    const transforms = [...mapping.transforms, ...mapping.companions.filter(withFixes)]
    transforms.forEach((id) => used.add(id))
    const base = { finding: redact(finding.title), severity: finding.severity, transforms, category: mapping.category, line: finding.line, files: finding.files }
    const manualWork = mapping.manual.map((m) => m.reason)
    if (transforms.length === 0) {
      const reason = redact(manualWork[0] ?? 'no prod-fix transform addresses this; it needs a person')
      return { ...base, status: 'manual', reason, left: [reason] }
    }
    return { ...base, ...judge(finding, transforms, plan, statusOf, options.ran, manualWork, redact) }
  })
  const unrequested = [...new Set(plan.fixes.map((fix) => fix.transform.id))]
    .filter((id) => !used.has(id))
    .map((transform) => ({ transform, fixes: plan.fixes.filter((fix) => fix.transform.id === transform).length }))
  return { entries, unrequested }
}

function judge(
  finding: AuditFinding,
  transforms: string[],
  plan: Plan,
  statusOf: (fix: Fix) => FixStatus,
  ran: readonly string[],
  manualWork: string[],
  redact: (text: string) => string,
): { status: AuditStatus; reason: string; left: string[] } {
  const fixes = plan.fixes.filter((fix) => transforms.includes(fix.transform.id))
  const findings = plan.findings.filter((f) => transforms.includes(f.transform))
  const leftovers = [
    ...new Set([
      ...transforms.flatMap((id) => (fixes.some((f) => f.transform.id === id) ? (TRANSFORM_CONCEPTS[id]?.leftover ?? []) : [])),
      ...manualWork,
      ...(findings.length > 0 ? [`${findings.length} finding(s) to act on, e.g. ${findings[0].path ? `${findings[0].path}:${findings[0].line}: ` : ''}${findings[0].message}`] : []),
    ]),
  ]
  const left = leftovers.length > 0 ? `; left for a human: ${leftovers.join('; ')}` : ''
  const human = leftovers.map(redact)
  if (fixes.length > 0) {
    const applied = fixes.filter((fix) => statusOf(fix) === 'applied')
    const proposed = fixes.filter((fix) => statusOf(fix) === 'proposed')
    const dropped = fixes.filter((fix) => statusOf(fix) === 'failed' || statusOf(fix) === 'rejected')
    const droppedNote = dropped.length > 0 ? `; not applied: ${describe(dropped, statusOf)}` : ''
    if (applied.length > 0) return { status: 'fixed', reason: redact(`${describe(applied)}${droppedNote}${left}`), left: human }
    if (proposed.length > 0) return { status: 'proposed', reason: redact(`${describe(proposed)}${droppedNote}${left}`), left: human }
    const reason = redact(`the fixes were not applied (${describe(dropped, statusOf)})${left}`)
    return { status: 'manual', reason, left: [reason] }
  }
  if (findings.length > 0) return { status: 'manual', reason: redact(leftovers.join('; ')), left: human }
  const notRun = transforms.filter((id) => !ran.includes(id))
  if (notRun.length === transforms.length) {
    const reason = `${notRun.join(', ')} did not run (--only, --skip or the config turned it off)`
    return { status: 'manual', reason, left: [reason] }
  }
  const named = finding.files.length > 0 ? ` (the report names ${finding.files.map((f) => f.path).join(', ')})` : ''
  return {
    status: 'not-applicable',
    reason: redact(`${transforms.join(', ')} found nothing to change in this repository${named}: already in place, or the code it fixes is not there${manualWork.length > 0 ? `; left for a human: ${manualWork.join('; ')}` : ''}`),
    left: manualWork.map(redact),
  }
}

/** "secrets: .env, .env.example; gitignore-env: .gitignore" */
function describe(fixes: Fix[], statusOf?: (fix: Fix) => FixStatus): string {
  const byTransform = new Map<string, string[]>()
  for (const fix of fixes) {
    const label = statusOf ? `${fix.change.path} (${statusOf(fix)})` : fix.change.path
    byTransform.set(fix.transform.id, [...(byTransform.get(fix.transform.id) ?? []), label])
  }
  return [...byTransform].map(([id, files]) => `${id}: ${files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ')}`).join('; ')
}
