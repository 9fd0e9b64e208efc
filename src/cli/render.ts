import { unifiedDiff } from '../engine/diff.js'
import type { Fix, Plan, PlanFinding } from '../engine/plan.js'
import type { Severity } from '../types.js'
import { paint, symbols } from './colors.js'

const SEVERITY_STYLE: Record<Severity, 'red' | 'magenta' | 'yellow' | 'gray'> = {
  critical: 'red',
  high: 'magenta',
  medium: 'yellow',
  low: 'gray',
}

/** The heading of one fix: title, transform id, severity and the audit finding it answers. */
export function renderFixHeading(fix: Fix): string {
  const { transform: meta } = fix
  return [
    `${paint('bold', `${symbols.fix} ${meta.title}`)}  ${paint('cyan', meta.id)} · ${paint(SEVERITY_STYLE[meta.severity], meta.severity)} · audit: ${meta.audit.finding} (${meta.audit.ref})`,
    `  ${paint('underline', `${fix.change.path}:${fix.line}`)}${fix.change.reason ? `  ${paint('dim', fix.change.reason)}` : ''}`,
  ].join('\n')
}

/** A coloured unified diff of a fix, with secret values masked. */
export function renderDiff(fix: Fix, redact: (text: string) => string): string {
  return redact(unifiedDiff(fix.change))
    .trimEnd()
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', line)
      if (line.startsWith('+')) return paint('green', line)
      if (line.startsWith('-')) return paint('red', line)
      if (line.startsWith('@@')) return paint('cyan', line)
      return line
    })
    .join('\n')
}

export function renderFinding(finding: PlanFinding, redact: (text: string) => string): string {
  const where = finding.path ? `${finding.path}:${finding.line}` : '(repository)'
  return `  ${paint(SEVERITY_STYLE[finding.severity], `${symbols.warn} ${finding.severity.padEnd(8)}`)} ${where}  ${paint('dim', `[${finding.transform}]`)} ${redact(finding.message)}`
}

/** Everything after the diffs: findings, notes, errors, skips and the per-transform table. */
export function renderSummary(plan: Plan, options: { verbose: boolean }): string[] {
  const redact = (text: string): string => plan.redactor.redact(text)
  const out: string[] = []
  if (plan.findings.length > 0) {
    out.push('', paint('bold', 'Needs a human (prod-fix cannot do these):'), ...plan.findings.map((f) => renderFinding(f, redact)))
  }
  if (options.verbose && plan.notes.length > 0) {
    out.push('', paint('bold', 'Left alone on purpose:'), ...plan.notes.map((n) => `  ${symbols.info} ${n.path}:${n.line}  ${paint('dim', `[${n.transform}]`)} ${redact(n.message)}`))
  }
  if (plan.errors.length > 0) {
    out.push('', paint('bold', 'Errors (the rest of the run went on):'), ...plan.errors.map((e) => `  ${paint('red', symbols.error)} ${e.file || `[${e.transform}]`}: ${redact(e.message)}`))
  }
  const why = { binary: 'binary content', 'too-large': 'larger than the size limit (maxFileSize)', symlink: 'symbolic link, not followed' }
  if (plan.skipped.length > 0) {
    out.push('', paint('bold', 'Skipped:'), ...plan.skipped.map((s) => `  ${symbols.info} ${s.file}: ${why[s.reason]}`))
  }
  out.push('', ...renderTable(plan))
  return out
}

function renderTable(plan: Plan): string[] {
  const rows = new Map<string, { severity: Severity; fixes: number; files: Set<string>; findings: number }>()
  const row = (id: string, severity: Severity) => {
    if (!rows.has(id)) rows.set(id, { severity, fixes: 0, files: new Set(), findings: 0 })
    return rows.get(id)!
  }
  for (const fix of plan.fixes) {
    const r = row(fix.transform.id, fix.transform.severity)
    r.fixes++
    r.files.add(fix.change.path)
  }
  for (const finding of plan.findings) row(finding.transform, finding.severity).findings++
  if (rows.size === 0) return [`${paint('green', symbols.ok)} Nothing to fix: ${plan.filesScanned} files scanned in ${plan.durationMs} ms.`]
  const lines = [paint('bold', `${'transform'.padEnd(22)}${'severity'.padEnd(10)}${'fixes'.padStart(6)}${'files'.padStart(7)}${'findings'.padStart(10)}`)]
  for (const [id, r] of rows) lines.push(`${id.padEnd(22)}${r.severity.padEnd(10)}${String(r.fixes).padStart(6)}${String(r.files.size).padStart(7)}${String(r.findings).padStart(10)}`)
  const files = new Set(plan.fixes.map((f) => f.change.path)).size
  lines.push(`${'total'.padEnd(32)}${String(plan.fixes.length).padStart(6)}${String(files).padStart(7)}${String(plan.findings.length).padStart(10)}`)
  lines.push(`${plan.filesScanned} files scanned in ${plan.durationMs} ms.`)
  return lines
}
