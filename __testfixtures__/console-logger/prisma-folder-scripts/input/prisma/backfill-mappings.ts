import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

async function main() {
  console.log('Seeding company mappings…')
  await prisma.$disconnect()
}

main()
