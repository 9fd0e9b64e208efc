import { Router } from 'express'
import { Prisma, PrismaClient, OrderStatus } from '@prisma/client'
import { requireUser } from '../middleware/auth'

const router = Router()
// Database client for order routes
const prisma = new PrismaClient({ log: ['query'] })

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
  } finally {
    await prisma.$disconnect()
  }
})

process.on('beforeExit', async () => {
  await prisma.$disconnect()
})

export default router
