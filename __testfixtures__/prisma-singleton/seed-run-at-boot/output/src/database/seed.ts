import { prisma } from '../lib/prisma'

export async function ensureDefaults() {
  await prisma.setting.upsert({ where: { key: 'theme' }, update: {}, create: { key: 'theme', value: 'light' } })
}
