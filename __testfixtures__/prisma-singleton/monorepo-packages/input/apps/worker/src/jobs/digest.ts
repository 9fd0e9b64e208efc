import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export async function sendDigest() {
  const users = await prisma.user.findMany({ where: { digest: true } })
  return users.length
}
