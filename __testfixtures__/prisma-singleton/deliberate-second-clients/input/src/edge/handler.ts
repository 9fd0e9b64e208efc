import { PrismaClient } from '@prisma/client/edge'

const prisma = new PrismaClient()

export default async function handler() {
  return prisma.visit.count()
}
