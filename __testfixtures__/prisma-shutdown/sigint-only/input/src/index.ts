import express from 'express'
import { PrismaClient } from '@prisma/client'

export const prisma = new PrismaClient()
const app = express()
app.listen(3000)

process.on('SIGINT', async () => {
  await prisma.$disconnect()
  process.exit(0)
})
