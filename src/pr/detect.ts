import { UsageError } from '../errors.js'
import { maskUrlCredentials } from '../git/repo.js'

export type ForgeKind = 'github' | 'gitlab'

export const FORGES: readonly ForgeKind[] = ['github', 'gitlab']

/** Where pull requests for a repository are opened. */
export interface ForgeTarget {
  kind: ForgeKind
  /** GitHub: owner/name; GitLab: group/subgroup/name. */
  repo: string
  /** REST API root, without a trailing slash. */
  apiUrl: string
}

/** What the user may force: `--forge`, `--repo`, `--api-url`. */
export interface ForgeOverrides {
  forge?: string
  repo?: string
  apiUrl?: string
}

/** Host and repository path of a remote URL (https, ssh, scp-like); undefined for a local path. */
export function parseRemoteUrl(url: string): { host: string; path: string } | undefined {
  const trimmed = url.trim()
  let host: string
  let path: string
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(trimmed)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL
    try {
      parsed = new URL(trimmed)
    } catch {
      return undefined
    }
    if (parsed.protocol === 'file:' || !parsed.hostname) return undefined
    host = parsed.hostname
    path = decodeURIComponent(parsed.pathname)
  } else if (scp && !/^[a-z]$/i.test(scp[1]!)) {
    // `git@github.com:owner/name.git`; a single letter before the colon is a Windows drive.
    host = scp[1]!
    path = scp[2]!
  } else {
    return undefined
  }
  path = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '')
  if (!path.includes('/')) return undefined
  return { host: host.toLowerCase().replace(/^ssh\./, ''), path }
}

/** Resolves forge, repository and API root from the remote URL, the overrides winning; a UsageError when it cannot tell. */
export function resolveForge(remoteUrl: string, overrides: ForgeOverrides = {}): ForgeTarget {
  if (overrides.forge !== undefined && !FORGES.includes(overrides.forge as ForgeKind)) {
    throw new UsageError(`--forge: expected ${FORGES.join(' or ')}, got "${overrides.forge}"`)
  }
  const parsed = parseRemoteUrl(remoteUrl)
  const kind = (overrides.forge as ForgeKind | undefined) ?? guessKind(parsed?.host)
  const repo = overrides.repo ?? parsed?.path
  if (!kind || !repo) {
    throw new UsageError(
      `cannot tell the forge and repository from the remote URL ${maskUrlCredentials(remoteUrl)}: pass --forge github|gitlab and --repo owner/name (and --api-url for a self-hosted server), or use --push to push without opening a pull request.`,
    )
  }
  const segments = repo.split('/')
  if (segments.some((segment) => !segment) || segments.length < 2 || (kind === 'github' && segments.length !== 2)) {
    throw new UsageError(`--repo: expected ${kind === 'github' ? 'owner/name' : 'group/name'}, got "${repo}"`)
  }
  const apiUrl = (overrides.apiUrl ?? defaultApiUrl(kind, parsed?.host)).replace(/\/+$/, '')
  if (!/^https?:\/\//.test(apiUrl)) throw new UsageError(`--api-url: expected an http(s) URL, got "${apiUrl}"`)
  return { kind, repo, apiUrl }
}

function guessKind(host: string | undefined): ForgeKind | undefined {
  if (!host) return undefined
  if (host === 'github.com' || host.split('.').includes('github')) return 'github'
  if (host === 'gitlab.com' || host.split('.').includes('gitlab')) return 'gitlab'
  return undefined
}

function defaultApiUrl(kind: ForgeKind, host: string | undefined): string {
  if (kind === 'github') return !host || host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`
  return `https://${host ?? 'gitlab.com'}/api/v4`
}
