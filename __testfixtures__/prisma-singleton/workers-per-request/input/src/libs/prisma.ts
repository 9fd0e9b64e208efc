import { Pool } from '@neondatabase/serverless'
import { PrismaNeon } from '@prisma/adapter-neon'
import { PrismaClient } from '@prisma/client'

export const clientFor = (databaseUrl: string) => {
  const adapter = new PrismaNeon(new Pool({ connectionString: databaseUrl }))
  const prisma = new PrismaClient({ adapter })
  return { prisma }
}
