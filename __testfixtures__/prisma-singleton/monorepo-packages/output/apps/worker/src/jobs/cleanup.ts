import { prisma as db } from '../lib/prisma'

export const cleanup = () => db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
