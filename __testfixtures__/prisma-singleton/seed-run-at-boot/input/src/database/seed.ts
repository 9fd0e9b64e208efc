import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export async function ensureDefaults() {
  await prisma.setting.upsert({ where: { key: 'theme' }, update: {}, create: { key: 'theme', value: 'light' } })
}
