import { db } from '@/db'
import { logger } from '@/utils/logger'

export async function sendInvoice(id: string) {
  const invoice = await db.invoice.find(id)
  logger.info('sending invoice', invoice.id)
  logger.trace('invoice payload', invoice)
}
