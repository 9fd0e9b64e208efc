import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeAtomic } from '../engine/apply.js'
import type { RepoResult, RepoStatus } from './types.js'

/** What a batch remembers between runs, per repository as listed. */
export interface BatchState {
  repos: Record<string, { status: RepoStatus; baseRef: string | undefined; baseSha: string; branch: string | undefined; result: RepoResult }>
}

const FILE = 'state.json'

/** The state of earlier runs in this work directory (empty when there is none or it is unreadable). */
export function readState(workdir: string): BatchState {
  try {
    const value = JSON.parse(readFileSync(join(workdir, FILE), 'utf8')) as BatchState
    return value && typeof value.repos === 'object' ? value : { repos: {} }
  } catch {
    return { repos: {} }
  }
}

export function writeState(workdir: string, state: BatchState): void {
  writeAtomic(join(workdir, FILE), `${JSON.stringify(state, null, 2)}\n`)
}
