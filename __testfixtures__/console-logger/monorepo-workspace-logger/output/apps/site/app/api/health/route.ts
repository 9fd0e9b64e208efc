import { logger } from '@acme/logger'

export async function GET() {
  logger.info('health checked')
  return Response.json({ ok: true })
}
