import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openOrUpdatePullRequest, preparePullRequest } from '../../src/pr/index.js'

const PROJECT = '/api/v4/projects/group%2Fsub%2Fapi'
let server: Server
let api: string
let requests: string[]
let mergeRequests: Array<{ iid: number; source_branch: string; target_branch: string; title: string; description: string; web_url: string }>
let hideOnce: boolean

beforeEach(async () => {
  requests = []
  mergeRequests = []
  hideOnce = false
  server = createServer(async (req, res) => {
    let text = ''
    for await (const chunk of req) text += chunk
    requests.push(`${req.method} ${req.url}`)
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.headers['private-token'] !== 'glpat-good') return send(401, { message: '401 Unauthorized' })
    const url = new URL(req.url!, 'http://x')
    const body = text ? JSON.parse(text) : {}
    if (req.method === 'GET' && req.url === PROJECT) return send(200, { id: 42, path_with_namespace: 'group/sub/api', default_branch: 'develop' })
    if (req.method === 'GET' && url.pathname === `${PROJECT}/merge_requests`) {
      if (hideOnce) {
        hideOnce = false
        return send(200, [])
      }
      return send(200, mergeRequests.filter((mr) => mr.source_branch === url.searchParams.get('source_branch')))
    }
    if (req.method === 'POST' && url.pathname === `${PROJECT}/merge_requests`) {
      const open = mergeRequests.find((mr) => mr.source_branch === body.source_branch)
      if (open) return send(409, { message: [`Another open merge request already exists for this source branch: !${open.iid}`] })
      const mr = { iid: mergeRequests.length + 1, ...body, web_url: `https://gitlab.example/group/sub/api/-/merge_requests/${mergeRequests.length + 1}` }
      mergeRequests.push(mr)
      return send(201, mr)
    }
    const put = /\/merge_requests\/(\d+)$/.exec(url.pathname)
    if (req.method === 'PUT' && put) {
      const mr = mergeRequests.find((m) => m.iid === Number(put[1]))!
      Object.assign(mr, body)
      return send(200, mr)
    }
    send(404, { message: '404 Not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`
})
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())))

const prepare = (token = 'glpat-good') => preparePullRequest('git@gitlab.example:group/sub/api.git', { apiUrl: api, env: { GITLAB_TOKEN: token } })
const input = { branch: 'prod-fix/x', base: 'develop', title: 'Fixes', titleGiven: false, body: 'first', draft: true }

describe('GitLab merge requests', () => {
  it('uses the project default branch, opens a draft merge request, then updates it', async () => {
    const { client, base, target } = await prepare()
    expect(target).toEqual({ kind: 'gitlab', repo: 'group/sub/api', apiUrl: api })
    expect(base).toBe('develop')
    expect(await openOrUpdatePullRequest(client, input)).toEqual({ number: 1, url: 'https://gitlab.example/group/sub/api/-/merge_requests/1', action: 'created' })
    expect(mergeRequests[0]).toMatchObject({ source_branch: 'prod-fix/x', target_branch: 'develop', title: 'Draft: Fixes', description: 'first' })
    expect(await openOrUpdatePullRequest(client, { ...input, body: 'second' })).toMatchObject({ number: 1, action: 'updated' })
    expect(mergeRequests).toHaveLength(1)
    expect(mergeRequests[0]!.description).toBe('second')
  })

  it('turns 409 "already exists" into an update', async () => {
    const { client } = await prepare()
    await openOrUpdatePullRequest(client, input)
    hideOnce = true
    expect(await openOrUpdatePullRequest(client, { ...input, body: 'raced' })).toMatchObject({ number: 1, action: 'updated' })
    expect(requests.slice(-3).map((r) => r.split(' ')[0])).toEqual(['POST', 'GET', 'PUT'])
  })

  it('names GITLAB_TOKEN when the token is missing or rejected', async () => {
    await expect(preparePullRequest('git@gitlab.example:group/sub/api.git', { apiUrl: api, env: {} })).rejects.toThrow(/set GITLAB_TOKEN/)
    await expect(prepare('glpat-bad')).rejects.toThrow('the GitLab API rejected the token (401: 401 Unauthorized): check GITLAB_TOKEN')
  })
})
