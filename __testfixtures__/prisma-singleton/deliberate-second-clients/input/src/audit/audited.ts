import { PrismaClient } from '@prisma/client'

export const audited = new PrismaClient().$extends({
  query: { $allOperations: ({ args, query }) => query(args) },
})
