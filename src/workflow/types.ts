import type { Fix, Plan, PlanOptions } from '../engine/plan.js'
import type { PullRequestOutcome } from '../pr/index.js'
import type { ReviewDecisions } from '../prompts/review.js'
import type { FixStatus } from '../report/json.js'
import type { Redactor } from '../secrets/redact.js'
import type { Transform } from '../types.js'
import type { VerifyResult } from '../verify/apply.js'

/** Everything one repository's run needs; the CLI and batch build it from flags and config. */
export interface WorkflowOptions {
  root: string
  transforms: readonly Transform[]
  /** Per-transform option overrides (the repository's config). */
  transformOptions?: PlanOptions['options']
  /** Extra ignore globs (the repository's config). */
  ignore?: readonly string[]
  maxFileSize?: number
  /** Go on with uncommitted changes; fixes to the changed files are left out. */
  allowDirty?: boolean
  /** Branch for the fixes; default `prod-fix/<YYYY-MM-DD>`. */
  branch?: string
  /** Check the original branch out again at the end. */
  returnToOriginal?: boolean
  push?: boolean
  pr?: boolean
  /** Default origin. */
  remote?: string
  /** Pull request base; default the repository's default branch. */
  base?: string
  forge?: string
  /** owner/name on the forge (overrides the remote URL). */
  repo?: string
  apiUrl?: string
  draft?: boolean
  title?: string
  /** Where tokens are read from; default process.env. */
  env?: Readonly<Record<string, string | undefined>>
  /** Today, for the default branch name. */
  now?: Date
  /** Extra Markdown sections for the pull-request body, from the run's result (the audit checklist). */
  prBodySections?: (result: WorkflowResult) => string[]
  /** Type-check before committing and leave out fixes that add errors (default true; skipped where the repository cannot type-check). */
  verify?: boolean
}

export type WorkflowStep = 'check' | 'plan' | 'review' | 'branch' | 'verify' | 'commit' | 'push' | 'pr' | 'return'

/** How the caller takes part: review (absent: accept every fix, as --yes and batch do) and progress. */
export interface WorkflowHooks {
  /** Decides on each fix; may throw PromptCancelled (Ctrl-C), which ends the run with nothing applied. */
  review?: (fixes: readonly Fix[], redact: (text: string) => string) => Promise<ReviewDecisions>
  onStep?: (step: WorkflowStep, message: string) => void
}

/** committed/pushed/pr-*: what the run got to; failed: see `error` and `messages`. */
export type WorkflowStatus = 'no-changes' | 'cancelled' | 'committed' | 'pushed' | 'pr-opened' | 'pr-updated' | 'failed'

export interface CommitRecord {
  sha: string
  transform: string
  subject: string
  files: string[]
  /** Paths this commit stopped tracking. */
  untracked: string[]
}

export interface FixOutcome {
  fix: Fix
  status: FixStatus
  /** Why a fix was not applied when the status alone does not say. */
  reason?: string
}

/** What one repository's run did, for the CLI, the JSON report and batch. */
export interface WorkflowResult {
  status: WorkflowStatus
  /** The last plan (findings, errors, skips); undefined when the run stopped before planning. */
  plan: Plan | undefined
  /** Every fix proposed in this run and what happened to it. */
  fixes: FixOutcome[]
  originalBranch: string | undefined
  /** The branch holding the fixes, when there is one. */
  branch: string | undefined
  /** The branch checked out at the end. */
  currentBranch: string | undefined
  /** Commits made by this run, oldest first. */
  commits: CommitRecord[]
  pushed: boolean
  pr: PullRequestOutcome | undefined
  error: { step: WorkflowStep; message: string; cause: unknown } | undefined
  /** What the user should know: where things were left and how to go on. Secrets masked. */
  messages: string[]
  /** Masks every secret value seen in this run. */
  redactor: Redactor
  /** The type check around the accepted fixes, when it ran. */
  verification?: VerifyResult
}
