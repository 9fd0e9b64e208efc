import { Router } from 'express'
import { logger } from '../lib/logger'

export const payments = Router()

payments.post('/', async (req, res) => {
  try {
    res.json(await charge(req.body.amount))
  } catch (err) {
    logger.error({ err }, 'charge failed')
    res.status(500).end()
  }
})
