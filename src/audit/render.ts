import { paint, symbols } from '../cli/colors.js'
import type { AuditOutcome, AuditStatus } from './status.js'

function mark(status: AuditStatus): string {
  if (status === 'fixed') return paint('green', `${symbols.ok} fixed   `)
  if (status === 'proposed') return paint('cyan', `${symbols.fix} proposed`)
  if (status === 'manual') return paint('yellow', `${symbols.warn} manual  `)
  return paint('gray', '– n/a     ')
}

/** The audit's own checklist, finding by finding, with what prod-fix did and what is left for a human. */
export function renderAuditChecklist(outcome: AuditOutcome, source: { file: string; title: string }): string[] {
  const counts = (['fixed', 'proposed', 'manual', 'not-applicable'] as const)
    .map((status) => [status, outcome.entries.filter((e) => e.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
  const lines = [paint('bold', `Audit checklist: ${source.title || source.file} (${source.file}) — ${outcome.entries.length} finding(s)${counts.length ? `: ${counts.join(', ')}` : ''}`)]
  if (outcome.entries.length === 0) lines.push(`  ${symbols.info} no findings recognised in ${source.file}: it has no headings or list items that state a problem`)
  for (const entry of outcome.entries) {
    const via = entry.transforms.length > 0 ? paint('dim', ` → ${entry.transforms.join(', ')}`) : ''
    lines.push(`  ${mark(entry.status)} ${entry.severity.padEnd(8)} ${entry.finding}${via}`)
    lines.push(`  ${' '.repeat(20)}${paint('dim', entry.reason)}`)
  }
  if (outcome.unrequested.length > 0) {
    lines.push(`  ${symbols.info} fixes the audit did not ask for: ${outcome.unrequested.map((u) => `${u.transform} (${u.fixes})`).join(', ')}`)
  }
  return lines
}

const BOX: Record<AuditStatus, string> = { fixed: '[x]', proposed: '[ ]', manual: '[ ]', 'not-applicable': '[x]' }

/**
 * The audit's checklist as Markdown for a pull-request body: one task per finding, ticked when
 * prod-fix fixed it (or it does not apply), with what was done and what is left for a human.
 * Callers pass text that was already redacted (reconcileAudit redacts reasons).
 */
export function renderAuditMarkdown(outcome: AuditOutcome, source: { file: string; title: string }): string {
  const escape = (text: string): string => text.replace(/([\\`*_[\]<>|])/g, '\\$1')
  const lines = [`### Audit: ${escape(source.title || source.file)}`, '']
  for (const entry of outcome.entries) {
    const done = BOX[entry.status] === '[x]' && entry.left.length === 0
    const via = entry.transforms.length > 0 ? ` (${entry.transforms.map((id) => `\`${id}\``).join(', ')})` : ''
    lines.push(`- [${done ? 'x' : ' '}] **${escape(entry.finding)}** — ${entry.severity}, ${entry.status}${via}: ${escape(entry.reason)}`)
  }
  return `${lines.join('\n')}\n`
}
