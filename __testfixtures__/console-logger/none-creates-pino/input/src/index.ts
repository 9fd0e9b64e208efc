import express from 'express'
import { payments } from './routes/payments'

const app = express()
app.use('/payments', payments)
app.listen(3000, () => console.log('listening on 3000'))
