import { Router } from 'express'
import { db } from '../db.js'

export const orders = Router()

orders.get('/:id', async (req, res) => {
  const id = req.params.id
  console.log('loading order', id)
  try {
    const order = await db.order.find(id)
    console.info(`order ${id} loaded`)
    res.json(order)
  } catch (err) {
    // eslint-disable-next-line no-console
    console.error('failed to load order', err)
    res.status(500).end()
  }
})

orders.post('/', async (req, res) => {
  console.debug('creating order for %s', req.params.customer)
  const created = await db.order.create(req.body).catch((e) => {
    console.warn('create failed', { customer: req.params.customer }, e)
    return undefined
  })
  if (!created) {
    console.error(new Date().toISOString(), res.statusCode)
    return
  }
  console.trace({ created })
  console.table([created])
  db.audit(created).then(console.log)
  // console.log('created', created)
  res.status(201).json(created)
})
