import { prisma } from '../lib/prisma'

export async function nightly() {
  await prisma.session.deleteMany({ where: { expired: true } })
}

nightly()
  .catch((error) => console.error(error))
  .finally(async () => {
    await prisma.$disconnect()
  })
