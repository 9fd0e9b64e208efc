import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A pull request as the fake stores it. */
export interface FakePull {
  /** owner/name the pull request belongs to. */
  repo: string
  number: number
  head: string
  base: string
  title: string
  body: string
  draft: boolean
  state: 'open' | 'closed'
}

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  body: Record<string, unknown> | undefined
}

interface Failure {
  method: string
  path: RegExp
  status: number
  body: unknown
  headers: Record<string, string>
}

/** A local GitHub REST API for owner/name: the four endpoints prod-fix uses, with GitHub's response shapes and errors. */
export interface FakeGitHub {
  /** The API root to pass as --api-url. */
  url: string
  requests: RecordedRequest[]
  pulls: FakePull[]
  /** The next request matching method and path gets this answer instead (once). */
  failNext(method: string, path: RegExp, status: number, body: unknown, headers?: Record<string, string>): void
  /** The next pulls list answers [] although a pull request is open (a race with another run). */
  hideOpenPullsOnce(): void
  close(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest'

/**
 * Starts the fake on a free local port; `token` is the only token it accepts. It serves
 * `owner/repo`, or with `anyRepository` every repository asked for (batch tests).
 */
export async function startFakeGitHub(options: { owner: string; repo: string; token: string; defaultBranch?: string; anyRepository?: boolean }): Promise<FakeGitHub> {
  const { token } = options
  const requests: RecordedRequest[] = []
  const pulls: FakePull[] = []
  const failures: Failure[] = []
  let hideOnce = false
  let url = ''
  let owner = options.owner
  let repo = options.repo
  const repoJson = () => ({
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: { login: owner, id: 1, type: 'Organization' },
    html_url: `https://github.example/${owner}/${repo}`,
    default_branch: options.defaultBranch ?? 'main',
    permissions: { admin: false, push: true, pull: true },
  })
  const pullJson = (pull: FakePull) => ({
    url: `${url}/repos/${owner}/${repo}/pulls/${pull.number}`,
    id: 1000 + pull.number,
    node_id: `PR_${pull.number}`,
    html_url: `https://github.example/${owner}/${repo}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    user: { login: 'prod-fix-bot', id: 2, type: 'User' },
    head: { label: `${owner}:${pull.head}`, ref: pull.head, sha: 'a'.repeat(40), repo: repoJson() },
    base: { label: `${owner}:${pull.base}`, ref: pull.base, sha: 'b'.repeat(40), repo: repoJson() },
    created_at: '2026-01-02T10:00:00Z',
    updated_at: '2026-01-02T10:00:00Z',
  })
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3', ...headers })
    res.end(JSON.stringify(body))
  }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const full = new URL(req.url ?? '/', 'http://localhost')
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    requests.push({ method: req.method ?? '', path: `${full.pathname}${full.search}`, authorization: req.headers.authorization, body })
    const failure = failures.findIndex((f) => f.method === req.method && f.path.test(full.pathname))
    if (failure !== -1) {
      const [f] = failures.splice(failure, 1)
      return send(res, f!.status, f!.body, f!.headers)
    }
    if (req.headers.authorization !== `token ${token}` && req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' })
    }
    const addressed = /^\/repos\/([^/]+)\/([^/]+)/.exec(full.pathname)
    if (options.anyRepository && addressed) [, owner = owner, repo = repo] = addressed
    const base = `/repos/${owner}/${repo}`
    const ofRepo = (p: FakePull): boolean => p.repo === `${owner}/${repo}`
    if (req.method === 'GET' && full.pathname === base) return send(res, 200, repoJson())
    if (req.method === 'GET' && full.pathname === `${base}/pulls`) {
      const head = full.searchParams.get('head')
      const state = full.searchParams.get('state') ?? 'open'
      const list = pulls.filter((p) => ofRepo(p) && (state === 'all' || p.state === state) && (!head || `${owner}:${p.head}` === head))
      if (hideOnce) {
        hideOnce = false
        return send(res, 200, [])
      }
      return send(res, 200, list.map(pullJson))
    }
    if (req.method === 'POST' && full.pathname === `${base}/pulls`) {
      const head = String(body?.head)
      if (pulls.some((p) => ofRepo(p) && p.head === head && p.state === 'open')) {
        return send(res, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }],
          documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request`,
          status: '422',
        })
      }
      const pull: FakePull = { repo: `${owner}/${repo}`, number: pulls.filter(ofRepo).length + 1, head, base: String(body?.base), title: String(body?.title), body: String(body?.body ?? ''), draft: body?.draft === true, state: 'open' }
      pulls.push(pull)
      return send(res, 201, pullJson(pull))
    }
    const patch = new RegExp(`^${base}/pulls/(\\d+)$`).exec(full.pathname)
    if (req.method === 'PATCH' && patch) {
      const pull = pulls.find((p) => ofRepo(p) && p.number === Number(patch[1]))
      if (!pull) return send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
      if (typeof body?.body === 'string') pull.body = body.body
      if (typeof body?.title === 'string') pull.title = body.title
      return send(res, 200, pullJson(pull))
    }
    send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
  }
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    pulls,
    failNext(method, path, status, body, headers = {}) {
      failures.push({ method, path, status, body, headers })
    },
    hideOpenPullsOnce() {
      hideOnce = true
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
