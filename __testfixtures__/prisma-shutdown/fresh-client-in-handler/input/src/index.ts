import express from 'express'
import { PrismaClient } from '@prisma/client'
import { prisma } from './db'

const app = express()
app.get('/users', async (_req, res) => res.json(await prisma.user.findMany()))
app.listen(3000)

process.on('SIGTERM', async () => {
  const client = new PrismaClient()
  await client.$disconnect()
  process.exit(0)
})
