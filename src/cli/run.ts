import { transforms as registry } from '../../transforms/index.js'
import { loadAudit, type LoadedAudit } from '../audit/load.js'
import { renderAuditMarkdown } from '../audit/render.js'
import { applyFixes } from '../engine/apply.js'
import { planFixes, type Fix, type Plan } from '../engine/plan.js'
import { diskSource } from '../engine/source.js'
import { PromptCancelled } from '../prompts/index.js'
import { reviewFixes } from '../prompts/review.js'
import { buildJsonReport, extrasToJson, type FixStatus } from '../report/json.js'
import { buildSarif, writeSarif } from '../report/sarif.js'
import { renderTrace, renderVerification, traceExtras, traceRun, type TraceFlags } from '../report/trace.js'
import { Redactor } from '../secrets/redact.js'
import { appliedFiles, verifyApply } from '../verify/apply.js'
import { VERSION } from '../version.js'
import type { WorkflowResult } from '../workflow/index.js'
import { assertCanApply, workflowHooks, workflowOptions, type WorkflowFlags } from '../workflow/cli.js'
import { paint, symbols } from './colors.js'
import { ExitCode } from './exit-code.js'
import type { Io } from './io.js'
import type { RawOptions, RunOptions } from './options.js'
import { renderDiff, renderFixHeading, renderSummary } from './render.js'

/** Plans the fixes for one repository on disk with its config. */
export function planRepository(options: RunOptions, exclude?: ReadonlySet<string>): Promise<Plan> {
  return planFixes(diskSource(options.root, options.config.ignore), {
    transforms: options.transforms,
    options: options.config.options,
    maxFileSize: options.maxFileSize,
    exclude,
  })
}

/** `prod-fix [path]`: dry run, check, or apply to the working tree. */
export async function runRepository(options: RunOptions, raw: RawOptions & WorkflowFlags & TraceFlags, io: Io): Promise<ExitCode> {
  const audit = raw.audit === undefined ? undefined : loadAudit(raw.audit)
  if (raw.check || raw.dryRun) return report(await planRepository(options), options, raw, io, audit)
  assertCanApply(raw, io)
  if (raw.branch !== false) return runOnBranch(options, raw, io, audit)
  const redactor = new Redactor()
  let decided
  try {
    const review = raw.yes ? undefined : (fixes: readonly Fix[]) => reviewFixes(fixes, { show: io.out, redact: (text) => redactor.redact(text) })
    const { decideFixes } = await import('../workflow/decide.js')
    decided = await decideFixes((exclude) => planRepository(options, exclude), new Set(), review, redactor)
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error
    io.err('Cancelled: nothing was applied; the files are as they were.')
    return ExitCode.Error
  }
  const plan = decided.plan
  // --verify (the default): the repository's own type check before and after; fixes that add errors are reverted.
  const verification = raw.verify === false ? undefined : await verifyApply(options.root, decided.accepted)
  const result = verification ? appliedFiles(verification.applied) : await applyFixes(options.root, decided.accepted)
  const status = new Map<string, FixStatus>([...decided.outcomes].map(([id, outcome]) => [id, notApplied(outcome.status)]))
  for (const { fix } of verification?.failed ?? []) status.set(fix.id, 'failed')
  const fixes = [...decided.outcomes.values()].map((outcome) => outcome.fix)
  const trace = traceRun({ ...plan, fixes, redactor }, { audit, status, ran: options.transforms.map((t) => t.meta.id), registry: registry.map((t) => t.meta.id) })
  if (raw.sarif) writeSarif(raw.sarif, buildSarif({ ...plan, fixes, redactor }, { root: options.root, version: VERSION, transforms: registry.map((t) => t.meta), status }))
  if (raw.json) {
    io.out(JSON.stringify(buildJsonReport({ ...plan, fixes, redactor }, options.given, VERSION, status, undefined, traceExtras(trace, verification)), null, 2))
  } else {
    if (raw.yes) printPlan(plan, raw, io, false)
    else for (const line of renderSummary({ ...plan, redactor }, { verbose: raw.verbose ?? false })) io.out(line)
    for (const line of verification ? renderVerification(verification, (text) => redactor.redact(text)) : []) io.out(line)
    const applied = verification ? verification.applied.length : decided.accepted.length
    io.out(`${paint('green', symbols.ok)} Applied ${applied} fix(es) to ${result.written.length} file(s)${result.untracked.length ? `; stopped tracking ${result.untracked.join(', ')}` : ''}.`)
    for (const line of renderTrace(trace)) io.out(line)
  }
  return ExitCode.Success
}

/** Applies on a branch with one commit per transform, then pushes or opens the pull request when asked. */
async function runOnBranch(options: RunOptions, raw: RawOptions & WorkflowFlags & TraceFlags, io: Io, audit: LoadedAudit | undefined): Promise<ExitCode> {
  // Git, forge clients and prompts load only on the apply path: dry runs start faster without them.
  const { runWorkflow } = await import('../workflow/index.js')
  const { renderMessages, renderWorkflowResult, workflowExitCode, workflowReport } = await import('../workflow/render.js')
  // --audit and --sarif over what the workflow did (each fix committed, rejected or failed).
  const traceOf = (result: WorkflowResult) => {
    const plan = result.plan && { ...result.plan, fixes: result.fixes.map((outcome) => outcome.fix), redactor: result.redactor }
    const status = new Map<string, FixStatus>(result.fixes.map((outcome) => [outcome.fix.id, notApplied(outcome.status)]))
    return { plan, status, trace: plan && traceRun(plan, { audit, status, ran: options.transforms.map((t) => t.meta.id), registry: registry.map((t) => t.meta.id) }) }
  }
  // The pull request shows the audit's own checklist with what was done for each finding.
  const prBodySections = (result: WorkflowResult): string[] => {
    const { trace } = traceOf(result)
    return trace?.audit ? [renderAuditMarkdown(trace.audit.outcome, { file: trace.audit.loaded.file, title: trace.audit.loaded.report.title })] : []
  }
  const result = await runWorkflow({ ...workflowOptions(options, raw), verify: raw.verify !== false, prBodySections }, workflowHooks(raw, io))
  const { plan, status, trace } = traceOf(result)
  if (raw.sarif && plan) writeSarif(raw.sarif, buildSarif(plan, { root: options.root, version: VERSION, transforms: registry.map((t) => t.meta), status }))
  if (raw.json) {
    const report = workflowReport(result, options.given)
    if (report) io.out(JSON.stringify(trace ? { ...report, ...extrasToJson(traceExtras(trace, result.verification), (text) => result.redactor.redact(text)) } : report, null, 2))
  } else {
    for (const line of renderWorkflowResult(result, { reviewed: !raw.yes, verbose: raw.verbose ?? false })) io.out(line)
    for (const line of result.verification ? renderVerification(result.verification, (text) => result.redactor.redact(text)) : []) io.out(line)
    for (const line of trace ? renderTrace(trace) : []) io.out(line)
  }
  if (result.error) io.err(raw.debug && result.error.cause instanceof Error ? (result.error.cause.stack ?? result.error.message) : `prod-fix: ${result.error.message}`)
  for (const line of renderMessages(result)) (raw.json ? io.err : io.out)(line)
  return workflowExitCode(result)
}

/** After an apply, a fix left unreviewed (the user quit) was not applied: the readiness summary must not count it as done. */
function notApplied(status: FixStatus): FixStatus {
  return status === 'proposed' ? 'rejected' : status
}

function report(plan: Plan, options: RunOptions, raw: RawOptions & TraceFlags, io: Io, audit: LoadedAudit | undefined): ExitCode {
  const trace = traceRun(plan, { audit, ran: options.transforms.map((t) => t.meta.id), registry: registry.map((t) => t.meta.id) })
  if (raw.sarif) writeSarif(raw.sarif, buildSarif(plan, { root: options.root, version: VERSION, transforms: registry.map((t) => t.meta) }))
  if (raw.json) io.out(JSON.stringify(buildJsonReport(plan, options.given, VERSION, undefined, undefined, traceExtras(trace)), null, 2))
  else if (raw.check) io.err(plan.fixes.length > 0 ? `${plan.fixes.length} fix(es) pending in ${new Set(plan.fixes.map((f) => f.change.path)).size} file(s); run prod-fix --dry-run to see them.` : 'No fixes pending.')
  else printPlan(plan, raw, io, true, renderTrace(trace))
  return raw.check && plan.fixes.length > 0 ? ExitCode.FixesPending : ExitCode.Success
}

function printPlan(plan: Plan, raw: RawOptions, io: Io, dryRun: boolean, trace: string[] = []): void {
  const redact = (text: string): string => plan.redactor.redact(text)
  for (const fix of plan.fixes) {
    io.out(renderFixHeading(fix))
    io.out(renderDiff(fix, redact))
    io.out('')
  }
  for (const line of renderSummary(plan, { verbose: raw.verbose ?? false })) io.out(line)
  for (const line of trace) io.out(line)
  if (dryRun && plan.fixes.length > 0) io.out(paint('dim', 'Dry run: nothing was written.'))
}
