import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()
await prisma.order.updateMany({ data: { archived: false } })
await prisma.$disconnect()
