import { ForgeError } from '../pr/errors.js'
import { CommitFailure } from './commit-fixes.js'
import { Interrupted } from './interrupt.js'
import type { CommitRecord } from './types.js'

/** What a failed commit step left where, and how to go on. */
export function failureAdvice(input: {
  error: unknown
  branch: string
  original: string
  created: boolean
  commits: readonly CommitRecord[]
  switchedBack: boolean
}): string[] {
  const { error, branch, original, created, commits } = input
  const lines: string[] = []
  if (error instanceof CommitFailure) {
    lines.push(`Committing the ${error.group.transform.id} fixes failed (a git hook or git itself refused it); their files were put back.`)
    if (error.restoreError) lines.push(`Putting the files back failed too: ${(error.restoreError as Error).message}. Check "git status" on ${branch}.`)
  } else if (error instanceof Interrupted) {
    lines.push('Interrupted: the fix being committed was put back.')
  }
  if (input.switchedBack) lines.push(`Your branch ${original} and its working tree are as they were; you are on ${original}.`)
  else lines.push(`Could not switch back to ${original}: you are still on ${branch}. Run "git status", then "git switch ${original}".`)
  if (commits.length > 0) {
    lines.push(
      `Branch ${branch} keeps ${commits.length} commit(s): ${commits.map((c) => c.subject).join('; ')}. See them with "git log ${original}..${branch}"; delete the branch with "git branch -D ${branch}".`,
    )
  } else if (created) {
    lines.push(`Branch ${branch} was removed again: nothing was left behind.`)
  } else {
    lines.push(`Branch ${branch} is as it was.`)
  }
  lines.push(`Fix the cause and run prod-fix again: it adds the missing fixes to ${branch}.`)
  return lines
}

/** What a failed push or pull request left where, and how to retry. */
export function publishFailureAdvice(input: { error: unknown; branch: string; remote: string; pushed: boolean; commits: number; pr: boolean }): string[] {
  const { error, branch, remote } = input
  const rerun = `prod-fix ${input.pr ? '--pr' : '--push'}${branch.startsWith('prod-fix/') ? '' : ` --branch ${branch}`}`
  if (!input.pushed) {
    return [
      `The branch ${branch} and its commits are kept locally${input.commits > 0 ? ` (${input.commits} new this run)` : ''}; nothing was pushed.`,
      `Retry with "git push --set-upstream ${remote} ${branch}", or run ${rerun} again.`,
    ]
  }
  const lines = [`The branch ${branch} is pushed to ${remote}, but the pull request was not opened or updated.`]
  const failure = error instanceof ForgeError ? error.failure : undefined
  if (failure === 'rate-limit') lines.push(`Run ${rerun} again once the rate limit resets: it reuses the branch and opens or updates the pull request.`)
  else if (failure === 'auth') lines.push(`Set a valid token and run ${rerun} again: it reuses the branch and opens or updates the pull request.`)
  else lines.push(`Run ${rerun} again: it reuses the branch and opens or updates the pull request.`)
  return lines
}
