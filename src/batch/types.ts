/** What happened to one repository of a batch (the `--json` contract). */
export type RepoStatus = 'dry-run' | 'committed' | 'pushed' | 'pr-opened' | 'pr-updated' | 'no-changes' | 'failed'

export interface RepoResult {
  repo: string
  status: RepoStatus
  fixes: number
  findings: number
  pr: string | null
  error: string | null
  errors: Array<{ file: string; message: string }>
  /** True when a previous run had already finished this repository and nothing changed since. */
  resumed: boolean
  duration_ms: number
}

/** Steps a repository goes through, for the progress display. */
export type RepoStep = 'queued' | 'cloning' | 'planning' | 'committing' | 'pushing' | 'opening PR' | 'done' | 'failed'
