import { prisma } from '../lib/prisma'
// import { PrismaClient } from '@prisma/client'
// const prisma = new PrismaClient()

export const legacy = () => prisma.product.findMany()
