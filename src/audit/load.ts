import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { parseAudit, type AuditReport } from './parse.js'

/** An audit report read from disk, with the path as the user gave it. */
export interface LoadedAudit {
  file: string
  report: AuditReport
}

/** Reads and parses `--audit FILE` (relative to the working directory); a missing or unreadable file is a usage error. */
export function loadAudit(file: string, cwd: string = process.cwd()): LoadedAudit {
  const path = resolve(cwd, file)
  let text
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--audit ${file}: not a file`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`--audit ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  if (text.includes('\u0000')) throw new UsageError(`--audit ${file}: not a text file (expected a Markdown audit report)`)
  return { file, report: parseAudit(text) }
}
