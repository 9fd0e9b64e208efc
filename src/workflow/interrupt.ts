/** Ctrl-C or SIGTERM arrived while prod-fix was changing the repository. */
export class Interrupted extends Error {
  override name = 'Interrupted'
  constructor() {
    super('interrupted (Ctrl-C)')
  }
}

/** Defers SIGINT/SIGTERM to the next check(), so a run stops between steps and can put things back. */
export interface InterruptGuard {
  /** Throws Interrupted when a signal arrived since the guard was installed. */
  check(): void
  readonly interrupted: boolean
  dispose(): void
}

/** Installs the handlers; dispose() restores Node's default behaviour. */
export function guardInterrupts(): InterruptGuard {
  let interrupted = false
  const onSignal = (): void => {
    interrupted = true
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    check() {
      if (interrupted) throw new Interrupted()
    },
    get interrupted() {
      return interrupted
    },
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
