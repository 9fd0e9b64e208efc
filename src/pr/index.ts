import type { ForgeClient, PullRequest } from './client.js'
import { resolveForge, type ForgeOverrides, type ForgeTarget } from './detect.js'
import { ForgeError } from './errors.js'
import { githubClient } from './github.js'
import { gitlabClient } from './gitlab.js'

export type { ForgeClient, PullRequest } from './client.js'
export { ForgeError } from './errors.js'

/** Forge, client and base branch, settled before prod-fix changes anything. */
export interface PullRequestTarget {
  target: ForgeTarget
  client: ForgeClient
  base: string
}

export interface PullRequestOutcome extends PullRequest {
  action: 'created' | 'updated'
}

/**
 * Detects the forge from the remote URL (overrides win), finds the token and asks the API for the
 * repository: a missing or rejected token fails here, before any branch or commit exists.
 */
export async function preparePullRequest(
  remoteUrl: string,
  options: ForgeOverrides & { base?: string; env: Readonly<Record<string, string | undefined>> },
): Promise<PullRequestTarget> {
  const target = resolveForge(remoteUrl, options)
  const token = target.kind === 'github' ? options.env.GITHUB_TOKEN || options.env.GH_TOKEN : options.env.GITLAB_TOKEN
  if (!token) {
    const variables = target.kind === 'github' ? 'GITHUB_TOKEN or GH_TOKEN' : 'GITLAB_TOKEN'
    throw new ForgeError(
      `--pr needs a token to open the pull request on ${target.repo}: set ${variables} to a token that can push and open pull requests, or use --push to push the branch without one.`,
      'auth',
    )
  }
  const client = target.kind === 'github' ? githubClient({ ...target, token }) : gitlabClient({ ...target, token })
  const defaultBranch = await client.defaultBranch()
  return { target, client, base: options.base ?? defaultBranch }
}

/** Updates the branch's open pull request (body, and title when given), or opens one; "already exists" races end in an update. */
export async function openOrUpdatePullRequest(
  client: ForgeClient,
  input: { branch: string; base: string; title: string; titleGiven: boolean; body: string; draft: boolean },
): Promise<PullRequestOutcome> {
  const update = async (number: number): Promise<PullRequestOutcome> => ({
    ...(await client.update(number, { body: input.body, ...(input.titleGiven ? { title: input.title } : {}) })),
    action: 'updated',
  })
  const existing = await client.findOpen(input.branch)
  if (existing) return update(existing.number)
  try {
    return { ...(await client.create(input)), action: 'created' }
  } catch (error) {
    if (!(error instanceof ForgeError) || error.failure !== 'exists') throw error
    const found = await client.findOpen(input.branch)
    if (!found) throw error
    return update(found.number)
  }
}
