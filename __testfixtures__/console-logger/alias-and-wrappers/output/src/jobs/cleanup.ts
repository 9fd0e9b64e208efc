import { logger } from '@/lib/logger'

export async function cleanup(days: number) {
  logger.info(`removing sessions older than ${days} days`)
}
