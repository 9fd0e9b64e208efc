import { logger } from '@/lib/logger'

export class AuditService {
  async log(event: string) {
    try {
      await save(event)
    } catch (e) {
      logger.error({ err: e }, 'audit write failed')
    }
  }
}
