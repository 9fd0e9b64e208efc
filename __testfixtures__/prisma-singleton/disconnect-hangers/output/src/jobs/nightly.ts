import { prisma } from '../lib/prisma'

export async function nightly() {
  await prisma.session.deleteMany({ where: { expired: true } })
}

export function runOnce() {
  return nightly()
    .catch((error) => console.error(error))
    .finally(async () => {
      await prisma.$disconnect()
    })
}
