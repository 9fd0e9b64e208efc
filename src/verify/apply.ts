import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { applyFixes, writeAtomic, type ApplyResult } from '../engine/apply.js'
import type { Fix } from '../engine/plan.js'
import { brokenSchemas, validSchemasBefore } from './prisma.js'
import { detectTypeCheck, newDiagnostics, runTypeCheck, type Diagnostic, type TypeCheckCommand, type TypeCheckRun } from './typecheck.js'

/** Writes fixes to the working tree, and puts their files back as they were. */
export interface ApplyHooks {
  apply(fixes: readonly Fix[]): Promise<void> | void
  revert(fixes: readonly Fix[]): Promise<void> | void
}

export interface VerifyOptions {
  /** Per type-check run; default 5 minutes. */
  timeoutMs?: number
  /** The command to run instead of detecting one (tests, or a caller that already detected it). */
  command?: TypeCheckCommand
}

export interface VerifyResult {
  /** False when the repository cannot be type-checked; `reason` says why. The fixes are then applied unchecked. */
  verified: boolean
  reason?: string
  /** The check that ran, as the user would type it. */
  command?: string
  applied: Fix[]
  /** Fixes reverted because their files gained type errors, with those errors. */
  failed: Array<{ fix: Fix; diagnostics: Diagnostic[] }>
  /** How many times the type check ran (before included). */
  checks: number
}

/** The default hooks: prod-fix's atomic writer, and a revert that restores each file's original text. */
export function workingTreeHooks(root: string): ApplyHooks {
  return {
    apply: async (fixes) => {
      await applyFixes(root, fixes)
    },
    revert: (fixes) => revertFixes(root, fixes),
  }
}

/** Puts the files of these fixes back as they were planned from (created files removed, untracked files tracked again). */
export function revertFixes(root: string, fixes: readonly Fix[]): void {
  const original = new Map<string, { text: string | null; untrack: boolean }>()
  for (const { change } of fixes) {
    const entry = original.get(change.path)
    original.set(change.path, { text: entry ? entry.text : change.before, untrack: (entry?.untrack ?? false) || (change.untrack ?? false) })
  }
  for (const [path, { text, untrack }] of original) {
    if (text === null) rmSync(join(root, path), { force: true })
    else writeAtomic(join(root, path), text)
    if (untrack) spawnSync('git', ['add', '--', path], { cwd: root })
  }
}

/**
 * Applies fixes with proof that they keep the repository type-checking: runs its own type check
 * before and after, and reverts what broke it. A file that gains diagnostics has its fixes
 * reverted (fixes of one file stand or fall together: later ones were computed over earlier
 * ones). If errors remain in files no fix touched, the remaining fixes are bisected: reverted,
 * then re-applied in halves, keeping each half that checks clean. One check when nothing breaks.
 * A Prisma schema a fix touched must still pass `prisma validate` (when the repository has Prisma).
 */
export async function verifyApply(root: string, fixes: readonly Fix[], hooks: ApplyHooks = workingTreeHooks(root), options: VerifyOptions = {}): Promise<VerifyResult> {
  const timeoutMs = options.timeoutMs ?? 300_000
  const schemas = validSchemasBefore(root, fixes, timeoutMs)
  const result = await typeCheckedApply(root, fixes, hooks, options)
  if (!schemas) return result
  // A schema that validated before and does not after (`prisma validate`): its fixes go back.
  const broken = brokenSchemas(root, schemas, result.applied, timeoutMs)
  const reverted = result.applied.filter((fix) => broken.some((d) => d.file === fix.change.path))
  if (reverted.length > 0) await hooks.revert(reverted)
  return {
    ...result,
    applied: result.applied.filter((fix) => !reverted.includes(fix)),
    failed: [...result.failed, ...reverted.map((fix) => ({ fix, diagnostics: broken.filter((d) => d.file === fix.change.path) }))],
  }
}

async function typeCheckedApply(root: string, fixes: readonly Fix[], hooks: ApplyHooks, options: VerifyOptions): Promise<VerifyResult> {
  const detected = options.command ? { command: options.command } : detectTypeCheck(root)
  if ('unavailable' in detected) {
    await hooks.apply(fixes)
    return { verified: false, reason: `not type-checked: ${detected.unavailable}`, applied: [...fixes], failed: [], checks: 0 }
  }
  let command = detected.command
  let checks = 0
  const check = (): TypeCheckRun => {
    checks++
    return runTypeCheck(root, command, options.timeoutMs ?? 300_000)
  }
  let baseline = check()
  if (!baseline.ok && 'fallback' in detected && detected.fallback) {
    command = detected.fallback
    baseline = check()
  }
  if (!baseline.ok) {
    await hooks.apply(fixes)
    return { verified: false, reason: `not type-checked: ${baseline.reason}`, command: command.label, applied: [...fixes], failed: [], checks }
  }
  const introduced = (): Diagnostic[] => {
    const run = check()
    return run.ok ? newDiagnostics(baseline.diagnostics, run.diagnostics) : [{ file: '', line: 0, code: 'check', message: run.reason }]
  }

  const units = groupByFile(fixes)
  await hooks.apply(fixes)
  let applied = [...units]
  const failed: VerifyResult['failed'] = []
  let broken = introduced()
  // The files that gained errors: revert their fixes, and look again (a revert can expose more).
  while (broken.length > 0) {
    const brokenFiles = new Set(broken.map((d) => d.file))
    const culprits = applied.filter((unit) => brokenFiles.has(unit.path))
    if (culprits.length === 0) break
    await hooks.revert(culprits.flatMap((unit) => unit.fixes))
    for (const unit of culprits) for (const fix of unit.fixes) failed.push({ fix, diagnostics: broken.filter((d) => d.file === unit.path) })
    applied = applied.filter((unit) => !culprits.includes(unit))
    broken = introduced()
  }
  if (broken.length > 0) {
    // Errors only in files no fix touched: find the fixes that cause them by bisection.
    await hooks.revert(applied.flatMap((unit) => unit.fixes))
    const kept: FileUnit[] = []
    const tryUnits = async (group: FileUnit[]): Promise<void> => {
      if (group.length === 0) return
      await hooks.apply(group.flatMap((unit) => unit.fixes))
      const errors = introduced()
      if (errors.length === 0) {
        kept.push(...group)
        return
      }
      await hooks.revert(group.flatMap((unit) => unit.fixes))
      if (group.length === 1) {
        for (const fix of group[0].fixes) failed.push({ fix, diagnostics: errors })
        return
      }
      const middle = Math.ceil(group.length / 2)
      await tryUnits(group.slice(0, middle))
      await tryUnits(group.slice(middle))
    }
    await tryUnits(applied)
    applied = kept
  }
  const keptFixes = new Set(applied.flatMap((unit) => unit.fixes))
  return { verified: true, command: command.label, applied: fixes.filter((fix) => keptFixes.has(fix)), failed, checks }
}

interface FileUnit {
  path: string
  fixes: Fix[]
}

/** Fixes of one file, in plan order; files created by a fix come first so their importers can find them. */
function groupByFile(fixes: readonly Fix[]): FileUnit[] {
  const units = new Map<string, FileUnit>()
  for (const fix of fixes) {
    const unit = units.get(fix.change.path) ?? { path: fix.change.path, fixes: [] }
    unit.fixes.push(fix)
    units.set(fix.change.path, unit)
  }
  return [...units.values()].sort((a, b) => Number(b.fixes[0].change.before === null) - Number(a.fixes[0].change.before === null))
}

/** The files a set of applied fixes wrote and stopped tracking, as applyFixes reports them. */
export function appliedFiles(fixes: readonly Fix[]): ApplyResult {
  const written = new Set<string>()
  const untracked = new Set<string>()
  for (const { change } of fixes) {
    if (change.after !== change.before) written.add(change.path)
    if (change.untrack) untracked.add(change.path)
  }
  return { written: [...written], untracked: [...untracked] }
}
