import { PrismaClient } from '@prisma/client'

const prismaClientSingleton = () => new PrismaClient({ errorFormat: 'minimal' })

declare const globalThis: { prismaGlobal: ReturnType<typeof prismaClientSingleton> } & typeof global

const prisma = globalThis.prismaGlobal ?? prismaClientSingleton()

export default prisma

if (process.env.NODE_ENV !== 'production') globalThis.prismaGlobal = prisma
