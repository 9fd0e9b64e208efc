import { PrismaClient } from '@prisma/client'

export const prisma = new PrismaClient()

const gracefulShutdown = async () => {
  await prisma.$disconnect()
  process.exit(0)
}

process.on('SIGINT', gracefulShutdown)
process.on('SIGTERM', gracefulShutdown)
