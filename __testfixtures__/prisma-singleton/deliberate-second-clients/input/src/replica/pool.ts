import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'

const adapter = new PrismaPg({ connectionString: process.env.REPLICA_URL })
const replica = new PrismaClient({ adapter })

export const readUsers = () => replica.user.findMany()
