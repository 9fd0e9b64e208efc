import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()
await prisma.product.updateMany({ data: { price: 0 } })
