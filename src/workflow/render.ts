import { paint, symbols } from '../cli/colors.js'
import { ExitCode } from '../cli/exit-code.js'
import { renderDiff, renderFixHeading, renderSummary } from '../cli/render.js'
import { buildJsonReport, type FixStatus, type JsonReport } from '../report/json.js'
import { VERSION } from '../version.js'
import type { WorkflowResult } from './types.js'

/** The `--json` report of a run on a branch: every fix with its status, plus branch, commits and pull request. */
export function workflowReport(result: WorkflowResult, given: string): JsonReport | undefined {
  if (!result.plan) return undefined
  const plan = { ...result.plan, fixes: result.fixes.map((outcome) => outcome.fix), redactor: result.redactor }
  const status = new Map<string, FixStatus>(result.fixes.map((outcome) => [outcome.fix.id, outcome.status]))
  return buildJsonReport(plan, given, VERSION, status, {
    branch: result.commits.length > 0 || result.pushed ? (result.branch ?? null) : null,
    commits: result.commits.map(({ sha, transform, subject, files, untracked }) => ({ sha, transform, subject, files: [...files, ...untracked.filter((f) => !files.includes(f))] })),
    pr: result.pr?.url ?? null,
  })
}

/** What a person reads after a run on a branch: the diffs when nothing was reviewed, the summary, the commits and where things are. */
export function renderWorkflowResult(result: WorkflowResult, options: { reviewed: boolean; verbose: boolean }): string[] {
  const redact = (text: string): string => result.redactor.redact(text)
  const lines: string[] = []
  if (!options.reviewed) {
    for (const { fix, status } of result.fixes) if (status === 'applied') lines.push(renderFixHeading(fix), renderDiff(fix, redact), '')
  }
  if (result.plan) lines.push(...renderSummary({ ...result.plan, redactor: result.redactor }, { verbose: options.verbose }))
  const count = (status: FixStatus): number => result.fixes.filter((outcome) => outcome.status === status).length
  if (result.fixes.length > 0) {
    lines.push('', `Fixes: ${count('applied')} applied, ${count('rejected')} rejected${count('proposed') ? `, ${count('proposed')} not reviewed` : ''}${count('failed') ? `, ${count('failed')} failed` : ''}.`)
  }
  if (result.commits.length > 0) {
    lines.push('', paint('bold', `Commits on ${result.branch}:`), ...result.commits.map((commit) => `  ${paint('yellow', commit.sha.slice(0, 7))} ${commit.subject}`))
  }
  return lines
}

/** Where things were left and how to go on, one marked line each (after the error, when there is one). */
export function renderMessages(result: WorkflowResult): string[] {
  if (result.status === 'failed') return result.messages.map((message) => `${paint('yellow', symbols.info)} ${message}`)
  if (result.status === 'cancelled') return result.messages.map((message) => `${paint('yellow', symbols.warn)} ${message}`)
  return result.messages.map((message) => `${paint('green', symbols.ok)} ${message}`)
}

/** The exit code of a run on a branch: 0 when it got where it was asked to, 2 when it failed or was cancelled. */
export function workflowExitCode(result: WorkflowResult): ExitCode {
  return result.status === 'failed' || result.status === 'cancelled' ? ExitCode.Error : ExitCode.Success
}
