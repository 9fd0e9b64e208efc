import type MagicString from 'magic-string'
import type { Scalar } from 'yaml'
import { planDeploy, serviceName, type DeployFacts, type DeployPlan } from './deploy-flags.js'
import { editShellCommand, findGcloudDeploys, shellCommands } from './shell.js'

/** Where a script's shell text sits in the file, and which quote the YAML around it cannot take. */
export interface ScriptRegion {
  from: number
  to: number
  avoid: "'" | '"' | undefined
}

/**
 * The part of a YAML scalar whose source text is exactly the shell script: a literal block, or a
 * one-line quoted/plain scalar without escapes. Folded and escaped scalars are left alone.
 */
export function scriptRegion(text: string, scalar: Scalar): ScriptRegion | undefined {
  if (!scalar.range || typeof scalar.value !== 'string') return undefined
  const [start, end] = scalar.range
  const raw = text.slice(start, end)
  switch (scalar.type) {
    case 'BLOCK_LITERAL': {
      const header = raw.indexOf('\n')
      return header === -1 ? undefined : { from: start + header + 1, to: end, avoid: undefined }
    }
    case 'QUOTE_SINGLE':
      return raw.includes("''") || raw.includes('\n') ? undefined : { from: start + 1, to: end - 1, avoid: "'" }
    case 'QUOTE_DOUBLE':
      return raw.includes('\\') || raw.includes('\n') ? undefined : { from: start + 1, to: end - 1, avoid: '"' }
    case 'PLAIN':
      return raw.includes('\n') ? undefined : { from: start, to: end, avoid: '"' }
    default:
      return undefined
  }
}

/** Plans and applies the flags of every gcloud deploy inside a script; returns the plans made, with the offset of each command. */
export function editScript(text: string, edit: MagicString, region: ScriptRegion, factsFor: (service: string | undefined) => DeployFacts): Array<{ plan: DeployPlan; offset: number }> {
  const plans: Array<{ plan: DeployPlan; offset: number }> = []
  for (const deploy of findGcloudDeploys(shellCommands(text, region.from, region.to))) {
    const args = deploy.tokens.map((token) => token.value)
    const plan = planDeploy(args, deploy.start, deploy.kind, factsFor(serviceName(args, deploy.start)))
    if (plan.edits.length > 0) editShellCommand(text, edit, deploy, plan.edits, region.avoid)
    plans.push({ plan, offset: deploy.tokens[0]!.start })
  }
  return plans
}
