import express from 'express'
import { logger } from '@acme/logger'

const app = express()
app.get('/orders', (_req, res) => {
  logger.info('orders requested')
  res.json([])
})
app.listen(3000)
