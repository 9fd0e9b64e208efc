import { paint } from '../cli/colors.js'
import { renderDiff, renderFixHeading } from '../cli/render.js'
import type { Fix } from '../engine/plan.js'
import { select, type KeyedChoice } from './index.js'

/** What the user decided for each fix id. */
export interface ReviewDecisions {
  accepted: Set<string>
  rejected: Set<string>
  /** Left without an answer after "quit". */
  unreviewed: Set<string>
  /** The user chose quit: fixes proposed later in this run are not asked about either. */
  quit: boolean
}

type Answer = 'accept' | 'reject' | 'transform' | 'all' | 'quit'

/**
 * Shows each fix (heading, transform, severity, audit reference, the diff with secrets masked,
 * a "3/12" counter) and asks what to do with it. Ctrl-C throws PromptCancelled.
 */
export async function reviewFixes(fixes: readonly Fix[], options: { show: (text: string) => void; redact: (text: string) => string }): Promise<ReviewDecisions> {
  const decisions: ReviewDecisions = { accepted: new Set(), rejected: new Set(), unreviewed: new Set(), quit: false }
  const acceptedTransforms = new Set<string>()
  let acceptAll = false
  for (const [index, fix] of fixes.entries()) {
    if (decisions.quit) {
      decisions.unreviewed.add(fix.id)
      continue
    }
    if (acceptAll || acceptedTransforms.has(fix.transform.id)) {
      decisions.accepted.add(fix.id)
      continue
    }
    const counter = `${index + 1}/${fixes.length}`
    options.show(`\n${paint('bold', `[${counter}]`)} ${renderFixHeading(fix)}\n${renderDiff(fix, options.redact)}\n`)
    const answer = await select<Answer>(`Apply this fix? (${counter})`, choicesFor(fix, fixes.slice(index)), 'a/r/t/e/q, or arrows and Enter; Ctrl-C cancels the run')
    if (answer === 'reject') decisions.rejected.add(fix.id)
    else if (answer === 'quit') {
      decisions.quit = true
      decisions.unreviewed.add(fix.id)
    } else {
      decisions.accepted.add(fix.id)
      if (answer === 'transform') acceptedTransforms.add(fix.transform.id)
      if (answer === 'all') acceptAll = true
    }
  }
  return decisions
}

function choicesFor(fix: Fix, remaining: readonly Fix[]): Array<KeyedChoice<Answer>> {
  const sameKind = remaining.filter((other) => other.transform.id === fix.transform.id).length
  return [
    { key: 'a', value: 'accept', title: 'accept this fix' },
    { key: 'r', value: 'reject', title: 'reject this fix' },
    { key: 't', value: 'transform', title: `accept all remaining ${fix.transform.id} fixes (${sameKind})` },
    { key: 'e', value: 'all', title: `accept everything left (${remaining.length})` },
    { key: 'q', value: 'quit', title: 'quit: keep what was accepted so far, skip the rest' },
  ]
}
