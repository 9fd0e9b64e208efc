import { PrismaClient } from '@prisma/client'

const warehouse = new PrismaClient({ datasources: { db: { url: process.env.WAREHOUSE_URL } } })

export const totals = () => warehouse.sale.aggregate({ _sum: { amount: true } })
