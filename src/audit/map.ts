import { MANUAL_CONCEPTS, TRANSFORM_CONCEPTS, type ManualConcept, type ReadinessCategory, type Signal } from './concepts.js'
import { plainText } from './markdown.js'
import type { AuditFinding } from './parse.js'

/** Which transforms answer a finding, what stays manual, and where it belongs in the readiness summary. */
export interface FindingMapping {
  /** Transform ids, in the order given to mapFinding (the registry's). */
  transforms: string[]
  /** Companion transforms: counted only when they have something to change. */
  companions: string[]
  /** Kinds of manual work the finding names, strongest first. */
  manual: ManualConcept[]
  category: ReadinessCategory
}

interface Scores {
  title: number
  body: number
}

/**
 * Maps a finding to transforms by what it says, not by which report it came from: the title
 * decides when it names a concept; the prose (recommendation, problem, details) decides
 * only when the title names none, and then needs several signals, so one passing mention of
 * "health check" in a CI/CD finding maps nothing.
 */
export function mapFinding(finding: AuditFinding, transformIds: readonly string[]): FindingMapping {
  const title = normalize(finding.title)
  // The context (headings above) is left out: "Production Readiness" in a report's title says nothing about one finding.
  const body = normalize(`${finding.asks}\n${finding.text}`)
  const asks = normalize(finding.asks)
  const known = transformIds.filter((id) => TRANSFORM_CONCEPTS[id] !== undefined)
  const scored = known.map((id) => ({ id, ...score(TRANSFORM_CONCEPTS[id].signals, title, body) }))

  const manualScored = MANUAL_CONCEPTS.map((concept) => ({ concept, title: score(concept.signals, title, '').title, asks: score(concept.signals, asks, '').title, body: score(concept.signals, '', body).body }))
  let transforms = scored.filter((s) => s.title >= 2 || (s.title >= 1 && s.body >= 3)).map((s) => s.id)
  // A title that names manual work ("Monitoring & Alerting") is about that work, whatever its prose mentions in passing.
  if (transforms.length === 0 && !manualScored.some((m) => m.title >= 3)) {
    const fromBody = scored.filter((s) => s.body >= 3)
    const best = Math.max(0, ...fromBody.map((s) => s.body))
    transforms = fromBody.filter((s) => s.body * 2 >= best).map((s) => s.id)
  }
  const companions = transforms.flatMap((id) => TRANSFORM_CONCEPTS[id].companions ?? []).filter((id) => known.includes(id) && !transforms.includes(id))

  const named = manualScored.filter((m) => m.title >= 2 || m.asks >= 3).sort((a, b) => b.title - a.title || b.asks - a.asks)
  const manual =
    named.length > 0 || transforms.length > 0
      ? named.map((m) => m.concept)
      : manualScored
          .filter((m) => m.body >= 3)
          .sort((a, b) => b.body - a.body)
          .slice(0, 1)
          .map((m) => m.concept)

  const category = transforms.length > 0 ? TRANSFORM_CONCEPTS[transforms[0]].category : (manual[0]?.category ?? 'other')
  return { transforms, companions: [...new Set(companions)], manual, category }
}

function score(signals: readonly Signal[], title: string, body: string): Scores {
  let titleScore = 0
  let bodyScore = 0
  for (const [pattern, weight] of signals) {
    if (pattern.test(title)) titleScore += weight
    if (pattern.test(body)) bodyScore += weight
  }
  return { title: titleScore, body: bodyScore }
}

function normalize(text: string): string {
  return plainText(text).toLowerCase()
}
