import { Router } from 'express'
import { createAuditTrail } from '../audit'
import { logger as appLogger } from '../lib/logger'

export const checkout = Router()
const logger = createAuditTrail('checkout')

checkout.post('/', (req, res) => {
  logger.record('checkout', req.body.id)
  appLogger.error('checkout failed', req.query.id)
  res.end()
})
