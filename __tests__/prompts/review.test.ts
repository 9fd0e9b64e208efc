import prompts from 'prompts'
import { afterEach, describe, expect, it } from 'vitest'
import { setColor } from '../../src/cli/colors.js'
import { planFixes } from '../../src/engine/plan.js'
import { memorySource } from '../../src/engine/source.js'
import { PromptCancelled } from '../../src/prompts/index.js'
import { reviewFixes } from '../../src/prompts/review.js'
import { SECRET, TEST_TRANSFORMS } from '../workflow/test-transforms.js'

setColor(false)
const plan = await planFixes(memorySource({ 'a.txt': 'todo a\n', 'b.txt': 'todo b\n', 'c.txt': 'todo c\n', '.env': `STRIPE_KEY=${SECRET}\n` }), { transforms: TEST_TRANSFORMS })
const ids = plan.fixes.map((fix) => fix.id)

async function review(answers: unknown[]) {
  const shown: string[] = []
  prompts.inject(answers)
  const decisions = await reviewFixes(plan.fixes, { show: (text) => void shown.push(text), redact: (text) => plan.redactor.redact(text) })
  return { decisions, shown }
}

afterEach(() => {
  // Nothing may be left queued for the next test.
  expect((prompts as unknown as { _injected?: unknown[] })._injected ?? []).toEqual([])
})

describe('reviewFixes', () => {
  it('shows each fix with a counter, its heading and its diff, secrets masked', async () => {
    expect(ids).toEqual(['untrack-env:.gitignore', 'untrack-env:.env', 'untrack-env:.env.example', 'mark-todo:a.txt', 'mark-todo:b.txt', 'mark-todo:c.txt', 'add-footer:a.txt', 'add-footer:b.txt', 'add-footer:c.txt'])
    const { shown } = await review(['accept', 'quit'])
    expect(shown).toHaveLength(2)
    expect(shown[0]).toContain('[1/9] ● Stop tracking the committed .env  untrack-env · critical · audit: Credentials committed to git (secrets)')
    expect(shown[0]).toContain('+++ b/.gitignore\n@@ -0,0 +1,1 @@\n+.env')
    expect(shown[1]).toContain('[2/9]')
    expect(shown.join('\n')).not.toContain(SECRET)
  })

  it('accept, reject, accept the rest of a transform, then accept everything left', async () => {
    const { decisions } = await review(['accept', 'reject', 'transform', 'reject', 'all'])
    expect([...decisions.accepted]).toEqual(['untrack-env:.gitignore', 'untrack-env:.env.example', 'mark-todo:b.txt', 'mark-todo:c.txt', 'add-footer:a.txt', 'add-footer:b.txt', 'add-footer:c.txt'])
    expect([...decisions.rejected]).toEqual(['untrack-env:.env', 'mark-todo:a.txt'])
    expect(decisions.quit).toBe(false)
  })

  it('quit keeps what was accepted and leaves the rest unreviewed', async () => {
    const { decisions } = await review(['accept', 'accept', 'quit'])
    expect([...decisions.accepted]).toEqual(ids.slice(0, 2))
    expect([...decisions.unreviewed]).toEqual(ids.slice(2))
    expect(decisions.quit).toBe(true)
  })

  it('Ctrl-C at a prompt throws PromptCancelled', async () => {
    await expect(review(['accept', new Error('ctrl-c')])).rejects.toBeInstanceOf(PromptCancelled)
  })
})
