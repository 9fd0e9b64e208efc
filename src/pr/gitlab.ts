import type { ForgeClient, PullRequest } from './client.js'
import { classifyFailure, ForgeError } from './errors.js'

const TOKEN_VARIABLES = 'GITLAB_TOKEN'

interface MergeRequest {
  iid: number
  web_url: string
  source_branch: string
}

/** A GitLab (gitlab.com or self-hosted, through `apiUrl`) merge-request client over fetch. */
export function gitlabClient(options: { repo: string; apiUrl: string; token: string }): ForgeClient {
  const project = `${options.apiUrl}/projects/${encodeURIComponent(options.repo)}`
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response
    try {
      response = await fetch(`${project}${path}`, {
        method,
        headers: { 'PRIVATE-TOKEN': options.token, 'content-type': 'application/json', 'user-agent': 'prod-fix' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause
      throw classifyFailure('GitLab', TOKEN_VARIABLES, { status: undefined, headers: {}, message: cause?.message ?? (error as Error).message })
    }
    const text = await response.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      // an HTML error page: keep the text
    }
    if (response.ok) return data as T
    const message = describe(data, response.statusText)
    if (response.status === 409 && /already exists/i.test(message)) throw new ForgeError(message, 'exists', 409)
    throw classifyFailure('GitLab', TOKEN_VARIABLES, { status: response.status, headers: Object.fromEntries(response.headers), message })
  }
  const toPullRequest = (mr: MergeRequest): PullRequest => ({ number: mr.iid, url: mr.web_url })
  return {
    async defaultBranch() {
      return (await request<{ default_branch: string }>('GET', '')).default_branch
    },
    async findOpen(branch) {
      const list = await request<MergeRequest[]>('GET', `/merge_requests?state=opened&source_branch=${encodeURIComponent(branch)}`)
      const match = list.find((mr) => mr.source_branch === branch)
      return match ? toPullRequest(match) : undefined
    },
    async create({ branch, base, title, body, draft }) {
      const mr = await request<MergeRequest>('POST', '/merge_requests', {
        source_branch: branch,
        target_branch: base,
        title: draft ? `Draft: ${title}` : title,
        description: body,
        remove_source_branch: true,
      })
      return toPullRequest(mr)
    },
    async update(number, { title, body }) {
      return toPullRequest(await request<MergeRequest>('PUT', `/merge_requests/${number}`, { description: body, ...(title ? { title } : {}) }))
    },
  }
}

function describe(data: unknown, fallback: string): string {
  if (data && typeof data === 'object') {
    const { message, error } = data as { message?: unknown; error?: unknown }
    const value = message ?? error
    if (typeof value === 'string') return value
    if (Array.isArray(value)) return value.join('; ')
    if (value && typeof value === 'object') return JSON.stringify(value)
  }
  return fallback
}
