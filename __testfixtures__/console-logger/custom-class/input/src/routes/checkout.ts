import { Router } from 'express'
import { createAuditTrail } from '../audit'

export const checkout = Router()
const logger = createAuditTrail('checkout')

checkout.post('/', (req, res) => {
  logger.record('checkout', req.body.id)
  console.error('checkout failed', req.query.id)
  res.end()
})
