import type { Fix, Plan } from '../engine/plan.js'
import type { ReviewDecisions } from '../prompts/review.js'
import type { Redactor } from '../secrets/redact.js'
import type { FixOutcome } from './types.js'

/** Plans the repository with these fix ids left out. */
export type Replan = (exclude: ReadonlySet<string>) => Promise<Plan>

export interface Decided {
  /** The plan without the rejected fixes: what gets applied. */
  plan: Plan
  /** Accepted fixes, as the final plan computed them. */
  accepted: Fix[]
  /** Every fix shown or proposed, with its status (accepted ones as 'applied', to be confirmed by the commit). */
  outcomes: Map<string, FixOutcome>
}

const MAX_ROUNDS = 8

/**
 * Review, then plan again without the rejected fixes so later transforms recompute over text
 * without them. Fixes that only appear in the new plan are reviewed in turn (after "quit" they
 * are skipped), until a plan holds accepted fixes only.
 */
export async function decideFixes(
  replan: Replan,
  initialExclude: ReadonlySet<string>,
  review: ((fixes: readonly Fix[]) => Promise<ReviewDecisions>) | undefined,
  redactor: Redactor,
): Promise<Decided> {
  const exclude = new Set(initialExclude)
  const outcomes = new Map<string, FixOutcome>()
  let plan = scanned(await replan(exclude), redactor)
  let quit = false
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fresh = plan.fixes.filter((fix) => !outcomes.has(fix.id))
    if (fresh.length === 0) break
    const decisions: ReviewDecisions = quit || !review ? acceptOrSkip(fresh, quit) : await review(fresh)
    quit ||= decisions.quit
    let excluded = false
    for (const fix of fresh) {
      if (decisions.accepted.has(fix.id)) {
        outcomes.set(fix.id, { fix, status: 'applied' })
        continue
      }
      const rejected = decisions.rejected.has(fix.id)
      outcomes.set(fix.id, { fix, status: rejected ? 'rejected' : 'proposed', reason: rejected ? undefined : 'not reviewed (quit)' })
      exclude.add(fix.id)
      excluded = true
    }
    if (!excluded) break
    plan = scanned(await replan(exclude), redactor)
  }
  const accepted = plan.fixes.filter((fix) => outcomes.get(fix.id)?.status === 'applied')
  const kept = new Set(accepted.map((fix) => fix.id))
  for (const fix of accepted) outcomes.set(fix.id, { fix, status: 'applied' })
  for (const outcome of outcomes.values()) {
    if (outcome.status === 'applied' && !kept.has(outcome.fix.id)) {
      outcome.status = 'failed'
      outcome.reason = 'no longer applies once the rejected fixes are left out'
    }
  }
  return { plan, accepted, outcomes }
}

function acceptOrSkip(fixes: readonly Fix[], quit: boolean): ReviewDecisions {
  const ids = new Set(fixes.map((fix) => fix.id))
  return quit
    ? { accepted: new Set(), rejected: new Set(), unreviewed: ids, quit }
    : { accepted: ids, rejected: new Set(), unreviewed: new Set(), quit }
}

function scanned(plan: Plan, redactor: Redactor): Plan {
  for (const { change } of plan.fixes) {
    redactor.scan(change.before)
    redactor.scan(change.after)
  }
  return plan
}
