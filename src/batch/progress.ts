import { paint, symbols } from '../cli/colors.js'
import type { RepoResult, RepoStep } from './types.js'

/** Receives batch progress; the CLI picks a live or a plain implementation. */
export interface BatchProgress {
  step(repo: string, step: RepoStep): void
  finish(result: RepoResult): void
  close(): void
}

/** Plain lines, one per event: for CI logs and pipes. */
export function lineProgress(total: number, write: (line: string) => void): BatchProgress {
  let finished = 0
  return {
    step: (repo, step) => {
      if (step !== 'queued') write(`[${finished}/${total}] ${repo}: ${step}`)
    },
    finish: (result) => {
      finished++
      write(`[${finished}/${total}] ${result.repo}: ${result.status}${result.error ? ` (${result.error})` : ''}`)
    },
    close: () => {},
  }
}

/** A live block redrawn in place in a terminal: counts, then each running repository and its step. */
export function liveProgress(total: number, stream: NodeJS.WriteStream): BatchProgress {
  const running = new Map<string, RepoStep>()
  let done = 0
  let failed = 0
  let drawn = 0
  const draw = (): void => {
    const lines = [
      `${paint('bold', `${done + failed}/${total}`)} repositories  ${paint('green', `${symbols.ok} ${done} done`)}  ${paint('red', `${symbols.error} ${failed} failed`)}  ${running.size} running`,
      ...[...running].map(([repo, step]) => `  ${paint('cyan', '…')} ${repo}: ${step}`),
    ]
    // Move up over the previous block and clear to the end of the screen before redrawing.
    stream.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}\x1b[0J${lines.join('\n')}\n`)
    drawn = lines.length
  }
  return {
    step: (repo, step) => {
      if (step === 'queued') return
      running.set(repo, step)
      draw()
    },
    finish: (result) => {
      running.delete(result.repo)
      if (result.status === 'failed') failed++
      else done++
      draw()
    },
    close: () => {},
  }
}
