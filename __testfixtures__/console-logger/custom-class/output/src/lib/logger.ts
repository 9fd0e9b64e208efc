type Level = 'info' | 'warn' | 'error'

class Logger {
  private write(level: Level, args: unknown[]) {
    console[level](new Date().toISOString(), level.toUpperCase(), ...args)
  }

  info(...args: unknown[]) {
    this.write('info', args)
  }

  warn(...args: unknown[]) {
    this.write('warn', args)
  }

  error(...args: unknown[]) {
    console.error(...args)
  }
}

export const logger = new Logger()
