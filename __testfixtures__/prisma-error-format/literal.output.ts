import { PrismaClient } from '@prisma/client'

// One client for the whole app.
export const prisma = new PrismaClient({
  log: ['error'],
  errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty',
})
