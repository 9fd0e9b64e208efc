import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

async function main() {
  await prisma.product.create({ data: { name: 'Tea' } })
}

main().finally(() => prisma.$disconnect())
