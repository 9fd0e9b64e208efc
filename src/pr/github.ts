import type { Octokit } from '@octokit/rest'
import type { ForgeClient, PullRequest } from './client.js'
import { classifyFailure, ForgeError } from './errors.js'

const TOKEN_VARIABLES = 'GITHUB_TOKEN or GH_TOKEN'

/** A GitHub (or GitHub Enterprise, through `apiUrl`) client over @octokit/rest. */
export function githubClient(options: { repo: string; apiUrl: string; token: string }): ForgeClient {
  const [owner = '', repo = ''] = options.repo.split('/')
  const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
  // Loaded on first use: dry runs never pay for the client.
  let client: Promise<Octokit> | undefined
  const connect = (): Promise<Octokit> =>
    (client ??= import('@octokit/rest').then(({ Octokit }) => new Octokit({ auth: options.token, baseUrl: options.apiUrl, userAgent: 'prod-fix', log: silent })))
  const call = async <T>(request: (octokit: Octokit) => Promise<T>): Promise<T> => {
    try {
      return await request(await connect())
    } catch (error) {
      throw toForgeError(error)
    }
  }
  const toPullRequest = (data: { number: number; html_url: string }): PullRequest => ({ number: data.number, url: data.html_url })
  return {
    async defaultBranch() {
      const { data } = await call((octokit) => octokit.rest.repos.get({ owner, repo }))
      return data.default_branch
    },
    async findOpen(branch) {
      const { data } = await call((octokit) => octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'open', per_page: 10 }))
      const match = data.find((pull) => pull.head.ref === branch)
      return match ? toPullRequest(match) : undefined
    },
    async create({ branch, base, title, body, draft }) {
      const { data } = await call((octokit) => octokit.rest.pulls.create({ owner, repo, head: branch, base, title, body, draft }))
      return toPullRequest(data)
    },
    async update(number, { title, body }) {
      const { data } = await call((octokit) => octokit.rest.pulls.update({ owner, repo, pull_number: number, body, ...(title ? { title } : {}) }))
      return toPullRequest(data)
    },
  }
}

interface OctokitFailure {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

function toForgeError(error: unknown): ForgeError {
  const failure = error as OctokitFailure
  const data = failure.response?.data as { message?: string; errors?: Array<{ message?: string; code?: string }> } | undefined
  const details = (data?.errors ?? []).map((e) => e.message ?? e.code).filter(Boolean)
  const message = [data?.message ?? failure.message ?? String(error), ...details].join(': ')
  if (failure.status === 422 && /already exists/i.test(message)) return new ForgeError(message, 'exists', 422)
  // Octokit reports "no answer" as status 500 without a response.
  const status = failure.response ? failure.status : undefined
  return classifyFailure('GitHub', TOKEN_VARIABLES, { status, headers: failure.response?.headers ?? {}, message })
}
