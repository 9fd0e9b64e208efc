import { describe, expect, it } from 'vitest'
import { parseRemoteUrl, resolveForge } from '../../src/pr/detect.js'

describe('parseRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/api.git', 'github.com', 'acme/api'],
    ['https://github.com/acme/api', 'github.com', 'acme/api'],
    ['https://x-access-token:ghp_secret@github.com/acme/api.git', 'github.com', 'acme/api'],
    ['git@github.com:acme/api.git', 'github.com', 'acme/api'],
    ['ssh://git@github.com/acme/api.git', 'github.com', 'acme/api'],
    ['ssh://git@ssh.github.com:443/acme/api.git', 'github.com', 'acme/api'],
    ['git@gitlab.com:group/sub/api.git', 'gitlab.com', 'group/sub/api'],
    ['https://gitlab.example.org/platform/team/api.git/', 'gitlab.example.org', 'platform/team/api'],
  ])('%s', (url, host, path) => {
    expect(parseRemoteUrl(url)).toEqual({ host, path })
  })

  it.each(['/srv/git/api.git', '../api.git', 'file:///srv/git/api.git', 'C:\\repos\\api.git', 'https://github.com/justowner'])('%s is not a forge URL', (url) => {
    expect(parseRemoteUrl(url)).toBeUndefined()
  })
})

describe('resolveForge', () => {
  it('detects GitHub, GitHub Enterprise and GitLab with their API roots', () => {
    expect(resolveForge('git@github.com:acme/api.git')).toEqual({ kind: 'github', repo: 'acme/api', apiUrl: 'https://api.github.com' })
    expect(resolveForge('https://github.acme.corp/platform/api.git')).toEqual({ kind: 'github', repo: 'platform/api', apiUrl: 'https://github.acme.corp/api/v3' })
    expect(resolveForge('git@gitlab.com:group/sub/api.git')).toEqual({ kind: 'gitlab', repo: 'group/sub/api', apiUrl: 'https://gitlab.com/api/v4' })
  })

  it('lets --forge, --repo and --api-url override the URL (mirrors, self-hosted, local remotes)', () => {
    expect(resolveForge('https://git.internal/mirror/api.git', { forge: 'gitlab' })).toEqual({ kind: 'gitlab', repo: 'mirror/api', apiUrl: 'https://git.internal/api/v4' })
    expect(resolveForge('/tmp/remote.git', { forge: 'github', repo: 'acme/api', apiUrl: 'http://127.0.0.1:9999/' })).toEqual({ kind: 'github', repo: 'acme/api', apiUrl: 'http://127.0.0.1:9999' })
  })

  it('says what to pass when it cannot tell, without showing credentials', () => {
    expect(() => resolveForge('https://deploy:hunter22@git.internal/api.git')).toThrow(
      'cannot tell the forge and repository from the remote URL https://***@git.internal/api.git: pass --forge github|gitlab and --repo owner/name (and --api-url for a self-hosted server), or use --push to push without opening a pull request.',
    )
    expect(() => resolveForge('git@github.com:acme/api.git', { forge: 'bitbucket' })).toThrow('--forge: expected github or gitlab, got "bitbucket"')
    expect(() => resolveForge('git@github.com:acme/api.git', { repo: 'acme/team/api' })).toThrow('--repo: expected owner/name, got "acme/team/api"')
  })
})
