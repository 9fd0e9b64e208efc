const level = process.env.LOG_LEVEL ?? 'info'
if (!['debug', 'info', 'warn'].includes(level)) console.warn(`LOG_LEVEL ${level} is not valid`)

export const env = { level }
