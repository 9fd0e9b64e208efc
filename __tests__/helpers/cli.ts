import { main } from '../../src/cli/index.js'
import type { Io } from '../../src/cli/io.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process with captured output. */
export async function runCli(args: string[], options: { interactive?: boolean } = {}): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const io: Io = { out: (text) => void out.push(text), err: (text) => void err.push(text), interactive: options.interactive ?? false }
  const code = await main(['node', 'prod-fix', ...args], io)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
