import { PrismaClient } from '@prisma/client'

export async function count() {
  const prisma = new PrismaClient()
  return prisma.tag.count()
}

export function withTransaction(prisma: { $transaction: () => void }) {
  return prisma.$transaction()
}
