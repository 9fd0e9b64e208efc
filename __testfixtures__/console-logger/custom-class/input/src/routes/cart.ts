import { Router } from 'express'
import { logger } from '../lib/logger'

export const cart = Router()

cart.get('/', (req, res) => {
  console.log('cart for', req.query.user)
  console.debug('cart debug')
  logger.info('served')
  res.json([])
})
