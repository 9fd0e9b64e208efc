import { logger } from './lib/logger'

logger.info('starting')
