/** Where the CLI prints; tests pass their own to run main() in-process. */
export interface Io {
  out(text: string): void
  err(text: string): void
  /** Whether stdin and stdout are a terminal a person can answer prompts on. */
  interactive: boolean
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
}
