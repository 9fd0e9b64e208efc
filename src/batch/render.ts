import { paint } from '../cli/colors.js'
import type { RepoResult } from './types.js'

/** The final table: repository, status, fixes, findings for humans, and the PR URL or the error. */
export function renderBatchSummary(results: readonly RepoResult[]): string[] {
  const width = Math.min(60, Math.max(10, ...results.map((r) => r.repo.length))) + 2
  const lines = [paint('bold', `${'repository'.padEnd(width)}${'status'.padEnd(12)}${'fixes'.padStart(6)}${'findings'.padStart(10)}  pull request / error`)]
  for (const r of results) {
    const status = `${r.status}${r.resumed ? '*' : ''}`
    const detail = r.error ? paint('red', r.error) : r.pr ?? ''
    lines.push(`${r.repo.padEnd(width)}${status.padEnd(12)}${String(r.fixes).padStart(6)}${String(r.findings).padStart(10)}  ${detail}`)
  }
  const failed = results.filter((r) => r.status === 'failed').length
  lines.push('', `${results.length} repositories: ${results.length - failed} succeeded, ${failed} failed.${results.some((r) => r.resumed) ? ' (* finished by an earlier run; nothing new since)' : ''}`)
  return lines
}

/** Totals for the `--json` summary. */
export function summarize(results: readonly RepoResult[]): Record<string, number> {
  const byStatus: Record<string, number> = {}
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
  return {
    repositories: results.length,
    failed: byStatus.failed ?? 0,
    fixes: results.reduce((n, r) => n + r.fixes, 0),
    findings: results.reduce((n, r) => n + r.findings, 0),
    ...Object.fromEntries(Object.entries(byStatus).map(([status, n]) => [`status_${status.replace('-', '_')}`, n])),
  }
}
