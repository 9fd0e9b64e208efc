import { applyFixes } from '../engine/apply.js'
import { planFixes, type Plan } from '../engine/plan.js'
import { diskSource } from '../engine/source.js'
import { UsageError } from '../errors.js'
import { buildJsonReport, type FixStatus } from '../report/json.js'
import { VERSION } from '../version.js'
import { paint, symbols } from './colors.js'
import { ExitCode } from './exit-code.js'
import type { Io } from './io.js'
import type { RawOptions, RunOptions } from './options.js'
import { renderDiff, renderFixHeading, renderSummary } from './render.js'

/** Plans the fixes for one repository on disk with its config. */
export function planRepository(options: RunOptions): Plan {
  return planFixes(diskSource(options.root, options.config.ignore), {
    transforms: options.transforms,
    options: options.config.options,
    maxFileSize: options.maxFileSize,
  })
}

/** `prod-fix [path]`: dry run, check, or apply to the working tree. */
export async function runRepository(options: RunOptions, raw: RawOptions, io: Io): Promise<ExitCode> {
  const plan = planRepository(options)
  if (raw.check || raw.dryRun) return report(plan, options, raw, io)
  if (raw.branch !== false) throw new UsageError('applying on a new git branch is not available yet: pass --no-branch to apply to the working tree')
  if (!raw.yes) throw new UsageError('interactive review is not available yet: pass --yes to apply every fix')
  const result = await applyFixes(options.root, plan.fixes)
  const status = new Map<string, FixStatus>(plan.fixes.map((fix) => [fix.id, 'applied']))
  if (raw.json) {
    io.out(JSON.stringify(buildJsonReport(plan, options.given, VERSION, status), null, 2))
  } else {
    printPlan(plan, raw, io, false)
    io.out(`${paint('green', symbols.ok)} Applied ${plan.fixes.length} fix(es) to ${result.written.length} file(s)${result.untracked.length ? `; stopped tracking ${result.untracked.join(', ')}` : ''}.`)
  }
  return ExitCode.Success
}

function report(plan: Plan, options: RunOptions, raw: RawOptions, io: Io): ExitCode {
  if (raw.json) io.out(JSON.stringify(buildJsonReport(plan, options.given, VERSION), null, 2))
  else if (raw.check) io.err(plan.fixes.length > 0 ? `${plan.fixes.length} fix(es) pending in ${new Set(plan.fixes.map((f) => f.change.path)).size} file(s); run prod-fix --dry-run to see them.` : 'No fixes pending.')
  else printPlan(plan, raw, io, true)
  return raw.check && plan.fixes.length > 0 ? ExitCode.FixesPending : ExitCode.Success
}

function printPlan(plan: Plan, raw: RawOptions, io: Io, dryRun: boolean): void {
  const redact = (text: string): string => plan.redactor.redact(text)
  for (const fix of plan.fixes) {
    io.out(renderFixHeading(fix))
    io.out(renderDiff(fix, redact))
    io.out('')
  }
  for (const line of renderSummary(plan, { verbose: raw.verbose ?? false })) io.out(line)
  if (dryRun && plan.fixes.length > 0) io.out(paint('dim', 'Dry run: nothing was written.'))
}
