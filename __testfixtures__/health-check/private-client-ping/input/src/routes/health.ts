import { Router } from 'express'
import { PrismaClient } from '@prisma/client'

export const health = Router()

health.get('/health/ready', async (_req, res) => {
  const client = new PrismaClient()
  try {
    await client.$queryRaw`SELECT 1`
    res.json({ status: 'ready' })
  } catch {
    res.status(503).json({ status: 'not_ready' })
  } finally {
    await client.$disconnect()
  }
})
