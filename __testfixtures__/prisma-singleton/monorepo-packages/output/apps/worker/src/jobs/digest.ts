import { prisma } from '../lib/prisma'

export async function sendDigest() {
  const users = await prisma.user.findMany({ where: { digest: true } })
  return users.length
}
