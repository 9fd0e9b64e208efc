export class ConsoleTee {
  info(message: string) {
    console.log(`[tee] ${message}`)
  }

  error(...args: unknown[]) {
    console.error('[tee]', ...args)
  }
}
