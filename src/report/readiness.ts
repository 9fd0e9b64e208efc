import { READINESS_CATEGORIES, TRANSFORM_CONCEPTS, type ReadinessCategory } from '../audit/concepts.js'
import type { AuditEntry } from '../audit/status.js'
import type { Plan } from '../engine/plan.js'
import type { Severity } from '../types.js'
import type { FixStatus } from './json.js'

/** How much one open item of each severity takes off the score (see readinessScore). */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 0.2, high: 0.1, medium: 0.04, low: 0.01 }

/** One problem counted by the readiness summary: an audit finding, or a kind of fix prod-fix found. */
export interface ReadinessItem {
  category: ReadinessCategory
  severity: Severity
  /** fixed: applied; proposed: a fix is ready (dry run); open: not fixed; not-applicable: nothing to change here (left out of the score). */
  state: 'fixed' | 'proposed' | 'open' | 'not-applicable'
  /** prod-fix did (or proposes) its part but a human still has something to do: counted as open. */
  partial: boolean
}

export interface ReadinessRow {
  category: ReadinessCategory
  found: number
  /** Resolved entirely by prod-fix (would be, in a dry run). */
  fixed: number
  /** Still open afterwards: found − fixed − not_applicable. */
  left: number
  /** Nothing to change in this repository (already in place, or not this stack): not in the score. */
  not_applicable: number
  /** Of those left: where prod-fix did its part and a human has the rest (rotate a leaked key). */
  partly_fixed: number
}

/** The summary per category, before and after the fixes (projected after, in a dry run). */
export interface Readiness {
  /** What was counted: the audit's findings, or prod-fix's own scan (one item per transform with something to fix). */
  basis: 'audit' | 'scan'
  /** Whether "after" is projected from proposed fixes (dry run) or measured after applying. */
  projected: boolean
  rows: ReadinessRow[]
  score: { before: number; after: number }
}

/**
 * The readiness score: 100 × ∏(1 − weight) over the open items, with the weights of
 * SEVERITY_WEIGHT (critical 0.20, high 0.10, medium 0.04, low 0.01). Before counts every item
 * found as open; after counts only those left (partly fixed ones included). Items with nothing
 * to change in the repository (not applicable) count in neither. No items → 100.
 */
export function readinessScore(open: readonly Severity[]): number {
  return Math.round(100 * open.reduce((score, severity) => score * (1 - SEVERITY_WEIGHT[severity]), 1))
}

/** Builds the per-category summary and the before/after score from a list of items. */
export function buildReadiness(items: readonly ReadinessItem[], basis: Readiness['basis']): Readiness {
  const projected = items.some((item) => item.state === 'proposed')
  const counted = items.filter((item) => item.state !== 'not-applicable')
  const resolved = (item: ReadinessItem): boolean => (item.state === 'fixed' || item.state === 'proposed') && !item.partial
  const rows = READINESS_CATEGORIES.map((category) => {
    const inCategory = counted.filter((item) => item.category === category)
    const fixed = inCategory.filter(resolved).length
    const notApplicable = items.filter((item) => item.category === category && item.state === 'not-applicable').length
    return { category, found: inCategory.length + notApplicable, fixed, left: inCategory.length - fixed, not_applicable: notApplicable, partly_fixed: inCategory.filter((item) => item.partial).length }
  }).filter((row) => row.found > 0 || row.category !== 'other')
  return {
    basis,
    projected,
    rows,
    score: { before: readinessScore(counted.map((item) => item.severity)), after: readinessScore(counted.filter((item) => !resolved(item)).map((item) => item.severity)) },
  }
}

/** Items from an audit's checklist: each finding counts once, in its category. */
export function auditItems(entries: readonly AuditEntry[]): ReadinessItem[] {
  return entries.map((entry) => ({
    category: entry.category,
    severity: entry.severity,
    state: entry.status === 'not-applicable' && entry.left.length === 0 ? 'not-applicable' : entry.status === 'fixed' ? 'fixed' : entry.status === 'proposed' ? 'proposed' : 'open',
    partial: (entry.status === 'fixed' || entry.status === 'proposed') && entry.left.length > 0,
  }))
}

/**
 * Items from prod-fix's own scan: one per transform with fixes or findings (a kind of problem,
 * so forty console calls count once), at the transform's severity. A transform with findings
 * stays open after its fixes: a human still has to act.
 */
export function scanItems(plan: Plan, status: ReadonlyMap<string, FixStatus> = new Map()): ReadinessItem[] {
  const ids = [...new Set([...plan.fixes.map((fix) => fix.transform.id), ...plan.findings.map((finding) => finding.transform)])]
  return ids.map((id) => {
    const fixes = plan.fixes.filter((fix) => fix.transform.id === id)
    const findings = plan.findings.filter((finding) => finding.transform === id)
    const states = fixes.map((fix) => status.get(fix.id) ?? 'proposed')
    const severity = fixes[0]?.transform.severity ?? worst(findings.map((finding) => finding.severity))
    const done = states.filter((s) => s === 'applied' || s === 'proposed')
    const state: ReadinessItem['state'] = done.length === 0 ? 'open' : done.every((s) => s === 'applied') ? 'fixed' : 'proposed'
    const partial = state !== 'open' && (findings.length > 0 || done.length < states.length)
    return { category: TRANSFORM_CONCEPTS[id]?.category ?? 'other', severity, state, partial }
  })
}

function worst(severities: Severity[]): Severity {
  const order: Severity[] = ['critical', 'high', 'medium', 'low']
  return order.find((s) => severities.includes(s)) ?? 'medium'
}

/** The summary as text lines for the terminal. */
export function renderReadiness(readiness: Readiness): string[] {
  const after = readiness.projected ? 'after (if applied)' : 'after'
  const lines = [
    `Readiness by category (${readiness.basis === 'audit' ? "the audit's findings" : "prod-fix's scan"}): found / ${readiness.projected ? 'would fix' : 'fixed'} / left / n/a`,
    ...readiness.rows.map(
      (row) =>
        `  ${row.category.padEnd(16)}${String(row.found).padStart(6)}${String(row.fixed).padStart(7)}${String(row.left).padStart(6)}${String(row.not_applicable).padStart(6)}${row.partly_fixed > 0 ? `  (${row.partly_fixed} partly fixed: the rest needs a human)` : ''}`,
    ),
    `  score: ${readiness.score.before} before, ${readiness.score.after} ${after} (100 × ∏(1 − w) over open items; w: critical 0.20, high 0.10, medium 0.04, low 0.01)`,
  ]
  return lines
}
