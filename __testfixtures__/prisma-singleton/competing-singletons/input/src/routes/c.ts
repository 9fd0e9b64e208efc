import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export const c = () => prisma.c.findMany()
