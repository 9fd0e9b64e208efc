import { Router } from 'express'
import { Prisma, OrderStatus } from '@prisma/client'
import { requireUser } from '../middleware/auth'
import { prisma } from '../lib/prisma'

const router = Router()

router.get('/', requireUser, async (req, res) => {
  const where: Prisma.OrderWhereInput = { status: OrderStatus.OPEN }
  res.json(await prisma.order.findMany({ where }))
})

router.get('/:id', async (req, res) => {
  try {
    const order = await prisma.order.findUnique({ where: { id: req.params.id } })
    res.json(order)
  } catch (error) {
    res.status(500).json({ error: 'failed' })
  }
})

export default router
