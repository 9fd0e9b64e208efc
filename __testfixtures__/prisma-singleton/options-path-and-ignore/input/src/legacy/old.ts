import { PrismaClient } from '@prisma/client'

export const old = new PrismaClient()
