import pino from 'pino'

/** The application's logger: JSON lines in production, readable output in development. */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  ...(process.env.NODE_ENV === 'development' ? { transport: { target: 'pino-pretty' } } : {}),
})
