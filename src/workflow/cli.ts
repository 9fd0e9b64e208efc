import { Option, type Command } from 'commander'
import type { Io } from '../cli/io.js'
import type { RawOptions, RunOptions } from '../cli/options.js'
import { UsageError } from '../errors.js'
import { FORGES } from '../pr/detect.js'
import { reviewFixes } from '../prompts/review.js'
import type { WorkflowHooks, WorkflowOptions } from './types.js'

/** The flags of the branch / push / pull-request workflow, as commander parses them. */
export interface WorkflowFlags {
  allowDirty?: boolean
  return?: boolean
  push?: boolean
  pr?: boolean
  remote?: string
  base?: string
  forge?: string
  repo?: string
  apiUrl?: string
  draft?: boolean
  title?: string
}

/** Adds the workflow's flags to a command (the single-repository command; batch can reuse them). */
export function addWorkflowOptions(command: Command): Command {
  return command
    .option('--branch <name>', 'branch for the fixes (default prod-fix/<YYYY-MM-DD>); an existing one gets the new fixes')
    .option('--allow-dirty', 'go on with uncommitted changes (the changed files are left alone)')
    .option('--return', 'check the original branch out again after committing')
    .option('--push', 'push the branch to the remote (no pull request)')
    .option('--pr', 'push the branch and open (or update) a pull request')
    .option('--remote <name>', 'remote to push to', 'origin')
    .option('--base <branch>', "pull request base (default: the repository's default branch)")
    .addOption(new Option('--forge <kind>', 'forge of the remote, when the URL does not say').choices(FORGES))
    .option('--repo <owner/name>', 'repository on the forge, when the remote URL does not say')
    .option('--api-url <url>', 'forge API root (GitHub Enterprise: https://HOST/api/v3)')
    .option('--draft', 'open the pull request as a draft')
    .option('--title <text>', 'pull request title')
}

/** Refuses an apply that would have to ask questions nobody can answer (no terminal, or --json on stdout). */
export function assertCanApply(raw: RawOptions & WorkflowFlags, io: Io): void {
  if (raw.branch === false && (raw.push || raw.pr)) throw new UsageError('--push and --pr need a branch: leave out --no-branch')
  if (raw.yes) return
  if (raw.json) throw new UsageError('--json needs --yes when applying: the review prompts would mix with the report (or use --dry-run --json)')
  if (!io.interactive) {
    throw new UsageError('no terminal to review the fixes in: pass --yes to apply every fix, or --dry-run to only show them')
  }
}

/** The workflow's options from the CLI's resolved options and flags. */
export function workflowOptions(options: RunOptions, raw: RawOptions & WorkflowFlags): WorkflowOptions {
  return {
    root: options.root,
    transforms: options.transforms,
    transformOptions: options.config.options,
    ignore: options.config.ignore,
    maxFileSize: options.maxFileSize,
    allowDirty: raw.allowDirty,
    branch: typeof raw.branch === 'string' ? raw.branch : undefined,
    returnToOriginal: raw.return,
    push: raw.push,
    pr: raw.pr,
    remote: raw.remote,
    base: raw.base,
    forge: raw.forge,
    repo: raw.repo,
    apiUrl: raw.apiUrl,
    draft: raw.draft,
    title: raw.title,
  }
}

/** Review through prompts unless --yes; progress lines on the terminal unless --json. */
export function workflowHooks(raw: RawOptions, io: Io): WorkflowHooks {
  return {
    review: raw.yes ? undefined : (fixes, redact) => reviewFixes(fixes, { show: io.out, redact }),
    onStep: raw.json ? undefined : (_step, message) => io.err(`${message}…`),
  }
}
