import type { SimpleGit } from 'simple-git'
import { GitError } from '../errors.js'
import { gitMessage, maskUrlCredentials, tryRaw } from './repo.js'

/** The fetch URL of a remote; a GitError naming the remotes that do exist when it is missing. */
export async function remoteUrl(git: SimpleGit, remote: string): Promise<string> {
  // The URL as configured: `get-url` applies insteadOf rewrites, which hide the forge (mirrors, proxies).
  const url = await tryRaw(git, ['config', '--get', `remote.${remote}.url`])
  if (url) return url
  const names = (await tryRaw(git, ['remote'])).split('\n').filter(Boolean)
  throw new GitError(
    names.length === 0
      ? `the repository has no remote to push to: add one with "git remote add ${remote} <url>", or leave out --push/--pr.`
      : `no remote named "${remote}" (remotes: ${names.join(', ')}): pass --remote <name>.`,
  )
}

/** Pushes `branch` and sets its upstream; a rejection becomes a GitError quoting git. */
export async function pushBranch(git: SimpleGit, remote: string, branch: string): Promise<void> {
  try {
    await git.raw(['push', '--set-upstream', remote, `refs/heads/${branch}:refs/heads/${branch}`])
  } catch (error) {
    throw new GitError(`git push to ${remote} failed: ${describePushFailure(gitMessage(error))}`)
  }
}

function describePushFailure(message: string): string {
  const text = maskUrlCredentials(message)
  if (/non-fast-forward|fetch first|\[rejected\]/.test(text) && !/hook declined/.test(text)) {
    return `the remote branch has commits this one does not (someone pushed to it). Pull them (git pull --rebase) or push under another --branch. Git said: ${oneLine(text)}`
  }
  if (/hook declined|pre-receive/.test(text)) return `the remote refused the branch (a server-side hook declined it). Git said: ${oneLine(text)}`
  if (/Authentication failed|Permission denied|could not read Username|403/.test(text)) {
    return `the remote refused the credentials. Check your git credentials for this remote. Git said: ${oneLine(text)}`
  }
  return oneLine(text)
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^(To |Done$)/.test(line))
    .join(' | ')
}
