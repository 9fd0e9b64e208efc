import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

process.on('exit', () => prisma.$disconnect())

export async function nightly() {
  await prisma.session.deleteMany({ where: { expired: true } })
}

nightly()
  .catch((error) => console.error(error))
  .finally(async () => {
    await prisma.$disconnect()
  })
