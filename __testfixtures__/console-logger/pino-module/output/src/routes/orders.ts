import { Router } from 'express'
import { db } from '../db.js'
import { logger } from '../lib/logger.js'

export const orders = Router()

orders.get('/:id', async (req, res) => {
  const id = req.params.id
  logger.info({ id }, 'loading order')
  try {
    const order = await db.order.find(id)
    logger.info(`order ${id} loaded`)
    res.json(order)
  } catch (err) {
    logger.error({ err }, 'failed to load order')
    res.status(500).end()
  }
})

orders.post('/', async (req, res) => {
  logger.debug('creating order for %s', req.params.customer)
  const created = await db.order.create(req.body).catch((e) => {
    logger.warn({ customer: req.params.customer, err: e }, 'create failed')
    return undefined
  })
  if (!created) {
    logger.error({ toISOString: new Date().toISOString(), statusCode: res.statusCode })
    return
  }
  logger.trace({ created })
  console.table([created])
  db.audit(created).then(console.log)
  // console.log('created', created)
  res.status(201).json(created)
})
