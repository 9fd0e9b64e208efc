import { describe, expect, it } from 'vitest'
import { classifyFailure } from '../../src/pr/errors.js'

const classify = (status: number | undefined, message: string, headers: Record<string, string> = {}) =>
  classifyFailure('GitHub', 'GITHUB_TOKEN', { status, headers, message }, new Date(Date.UTC(2026, 0, 2, 12, 0)))

describe('classifyFailure', () => {
  it('names the failure and what to check', () => {
    expect(classify(401, 'Bad credentials')).toMatchObject({ failure: 'auth', message: 'the GitHub API rejected the token (401: Bad credentials): check GITHUB_TOKEN' })
    expect(classify(403, 'Resource not accessible by personal access token').failure).toBe('auth')
    expect(classify(404, 'Not Found').message).toBe('GitHub answered 404 (Not Found): the repository does not exist or the token cannot see it; check --repo and GITHUB_TOKEN')
    expect(classify(503, 'Service Unavailable')).toMatchObject({ failure: 'server', message: 'the GitHub API failed (503: Service Unavailable)' })
    expect(classify(undefined, 'getaddrinfo ENOTFOUND api.github.com')).toMatchObject({ failure: 'network', message: 'could not reach the GitHub API (getaddrinfo ENOTFOUND api.github.com)' })
  })

  it('recognises rate limits by status and headers, with the reset time or retry-after', () => {
    const reset = String(Date.UTC(2026, 0, 2, 12, 45) / 1000)
    expect(classify(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }).message).toBe(
      'the GitHub API rate limit is exhausted; it resets at 12:45 UTC (in about 45 min) (403: API rate limit exceeded)',
    )
    expect(classify(429, 'Too Many Requests', { 'retry-after': '30' })).toMatchObject({ failure: 'rate-limit', message: 'the GitHub API rate limit is exhausted; retry in 30 s (429: Too Many Requests)' })
    expect(classify(403, 'You have exceeded a secondary rate limit').failure).toBe('rate-limit')
  })
})
