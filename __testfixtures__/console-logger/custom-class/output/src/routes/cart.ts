import { Router } from 'express'
import { logger } from '../lib/logger'

export const cart = Router()

cart.get('/', (req, res) => {
  logger.info('cart for', req.query.user)
  logger.info('cart debug')
  logger.info('served')
  res.json([])
})
