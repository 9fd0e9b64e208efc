import type { Severity } from '../types.js'

/** Coloured circles audits put before a finding, from most to least urgent. */
const CIRCLES: ReadonlyArray<[string, Severity]> = [
  ['🔴', 'critical'],
  ['🛑', 'critical'],
  ['⛔', 'critical'],
  ['🟠', 'high'],
  ['🟡', 'medium'],
  ['🟢', 'low'],
  ['🔵', 'low'],
]

const WORDS: ReadonlyArray<[RegExp, Severity]> = [
  [/\b(critical|blockers?|blocking|urgent|p0|sev ?1)\b/i, 'critical'],
  [/\b(high|major|important|p1|sev ?2)\b/i, 'high'],
  [/\b(medium|moderate|p2|sev ?3)\b/i, 'medium'],
  [/\b(low|minor|trivial|nice[- ]to[- ]have|p3|sev ?4)\b/i, 'low'],
]

/** The severity a coloured circle in the text stands for, if any. */
export function severityFromCircle(text: string): Severity | undefined {
  return CIRCLES.find(([circle]) => text.includes(circle))?.[1]
}

/** The severity named by the first severity word in a value ("HIGH - CONNECTION EXHAUSTION" → high). */
export function severityFromWords(text: string): Severity | undefined {
  let best: { index: number; severity: Severity } | undefined
  for (const [pattern, severity] of WORDS) {
    const match = pattern.exec(text)
    if (match && (best === undefined || match.index < best.index)) best = { index: match.index, severity }
  }
  return best?.severity
}

/** A tier heading's severity ("High Priority Issues (Should Fix)", "Nice to Have"). */
export function severityFromTier(title: string): Severity | undefined {
  if (/\bmust\b/i.test(title)) return severityFromWords(title) ?? 'critical'
  return severityFromWords(title) ?? severityFromCircle(title) ?? (/\b(recommended|should)\b/i.test(title) ? 'medium' : undefined)
}
