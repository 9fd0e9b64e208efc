import { Router } from 'express'

export const payments = Router()

payments.post('/', async (req, res) => {
  try {
    res.json(await charge(req.body.amount))
  } catch (err) {
    console.error('charge failed', err)
    res.status(500).end()
  }
})
