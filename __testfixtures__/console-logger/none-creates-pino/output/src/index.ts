import express from 'express'
import { payments } from './routes/payments'
import { logger } from './lib/logger'

const app = express()
app.use('/payments', payments)
app.listen(3000, () => logger.info('listening on 3000'))
