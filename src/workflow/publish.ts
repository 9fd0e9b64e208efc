import type { SimpleGit } from 'simple-git'
import type { PlanFinding } from '../engine/plan.js'
import { firstExistingRef, fixCommitsSince } from '../git/commit.js'
import { pushBranch } from '../git/remote.js'
import { defaultTitle, renderPrBody, type AppliedRow } from '../pr/body.js'
import { openOrUpdatePullRequest, type PullRequestOutcome, type PullRequestTarget } from '../pr/index.js'
import type { Transform } from '../types.js'
import { VERSION } from '../version.js'
import type { CommitRecord, FixOutcome } from './types.js'

export interface PublishInput {
  git: SimpleGit
  remote: string
  branch: string
  originalBranch: string
  /** Set with --pr. */
  pullRequest: PullRequestTarget | undefined
  transforms: readonly Transform[]
  commits: readonly CommitRecord[]
  fixes: readonly FixOutcome[]
  findings: readonly PlanFinding[]
  title: string | undefined
  draft: boolean
  redact: (text: string) => string
  /** Extra Markdown sections for the pull-request body. */
  sections?: string[]
}

/** Pushes the branch (upstream set); then, with a pull-request target, opens or updates its pull request. */
export async function pushAndOpen(input: PublishInput, onPushed: () => void): Promise<PullRequestOutcome | undefined> {
  await pushBranch(input.git, input.remote, input.branch)
  onPushed()
  if (!input.pullRequest) return undefined
  const { client, base } = input.pullRequest
  const applied = await appliedRows(input, base)
  const body = renderPrBody(
    {
      applied,
      rejected: input.fixes.filter((f) => f.status === 'rejected' || f.status === 'proposed').map((f) => ({ transform: f.fix.transform.id, file: f.fix.change.path })),
      findings: [...input.findings],
      version: VERSION,
      sections: input.sections,
    },
    input.redact,
  )
  const title = input.redact(input.title ?? defaultTitle({ applied }))
  return openOrUpdatePullRequest(client, { branch: input.branch, base, title, titleGiven: input.title !== undefined, body, draft: input.draft })
}

/** Every fix on the branch, this run's and earlier runs', read from prod-fix's commit messages. */
async function appliedRows(input: PublishInput, base: string): Promise<AppliedRow[]> {
  const candidates = [`refs/remotes/${input.remote}/${base}`, `refs/heads/${base}`]
  if (input.originalBranch !== input.branch) candidates.push(`refs/heads/${input.originalBranch}`)
  const baseRef = await firstExistingRef(input.git, candidates)
  const fromHistory = baseRef ? await fixCommitsSince(input.git, baseRef, `refs/heads/${input.branch}`) : []
  const commits = fromHistory.length > 0 ? fromHistory : input.commits.map((c) => ({ ...c, title: c.subject }))
  const meta = new Map(input.transforms.map((t) => [t.meta.id, t.meta]))
  const rows: AppliedRow[] = []
  for (const commit of commits) {
    const known = meta.get(commit.transform)
    const row = { transform: commit.transform, severity: known?.severity ?? '', audit: known?.audit.finding ?? commit.title }
    for (const file of commit.files) rows.push({ ...row, file, untracked: commit.untracked.includes(file) })
    for (const file of commit.untracked) if (!commit.files.includes(file)) rows.push({ ...row, file, untracked: true })
  }
  return rows
}
