/** Why a forge API call failed, in the terms the user acts on. */
export type ForgeFailure = 'auth' | 'rate-limit' | 'not-found' | 'exists' | 'server' | 'network' | 'rejected'

/** A forge API call that failed; the message says what happened, the caller adds how to retry. */
export class ForgeError extends Error {
  override name = 'ForgeError'
  constructor(
    message: string,
    readonly failure: ForgeFailure,
    readonly status?: number,
  ) {
    super(message)
  }
}

/** The forge's answer, as plain data, whatever the client library. */
export interface HttpFailure {
  /** Undefined when no answer came back (DNS, refused connection, timeout). */
  status: number | undefined
  headers: Record<string, string | number | undefined>
  message: string
}

/** Maps an HTTP failure to a ForgeError with a message naming the token variable and the forge. */
export function classifyFailure(forge: string, tokenVariables: string, failure: HttpFailure, now: Date = new Date()): ForgeError {
  const { status, headers, message } = failure
  if (status === undefined) return new ForgeError(`could not reach the ${forge} API (${message})`, 'network')
  const remaining = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining']
  const limited = status === 429 || (status === 403 && (String(remaining) === '0' || /rate limit/i.test(message)))
  if (limited) return new ForgeError(`the ${forge} API rate limit is exhausted${resetTime(headers, now)} (${status}: ${message})`, 'rate-limit', status)
  if (status === 401) return new ForgeError(`the ${forge} API rejected the token (401: ${message}): check ${tokenVariables}`, 'auth', status)
  if (status === 403) return new ForgeError(`the token may not do this on ${forge} (403: ${message}): it needs permission to push and open pull requests; check ${tokenVariables}`, 'auth', status)
  if (status === 404) return new ForgeError(`${forge} answered 404 (${message}): the repository does not exist or the token cannot see it; check --repo and ${tokenVariables}`, 'not-found', status)
  if (status >= 500) return new ForgeError(`the ${forge} API failed (${status}: ${message})`, 'server', status)
  return new ForgeError(`${forge} refused the request (${status}: ${message})`, 'rejected', status)
}

function resetTime(headers: HttpFailure['headers'], now: Date): string {
  const retryAfter = Number(headers['retry-after'])
  if (Number.isFinite(retryAfter) && retryAfter > 0) return `; retry in ${Math.ceil(retryAfter)} s`
  const reset = Number(headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'])
  if (!Number.isFinite(reset) || reset <= 0) return ''
  const minutes = Math.max(1, Math.ceil((reset * 1000 - now.getTime()) / 60_000))
  return `; it resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC (in about ${minutes} min)`
}
