import type { NextApiRequest, NextApiResponse } from 'next'
import { prisma } from '../../lib/prisma'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const users = await prisma.user.findMany().finally(async () => {
    await prisma.$disconnect()
  })
  await prisma.$disconnect()
  res.status(200).json(users)
}
