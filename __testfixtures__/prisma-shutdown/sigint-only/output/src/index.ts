import express from 'express'
import { PrismaClient } from '@prisma/client'

export const prisma = new PrismaClient()
const app = express()
app.listen(3000)

async function shutdown() {
  await prisma.$disconnect()
  process.exit(0)
}

process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
