import { ensureDefaults } from './database/seed'
import { prisma } from './lib/prisma'

await ensureDefaults()
console.log(await prisma.setting.count())
