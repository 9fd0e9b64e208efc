import { PrismaClient } from '@prisma/client'

const db = new PrismaClient()

export const cleanup = () => db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
