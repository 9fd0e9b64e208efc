import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

it('counts', async () => {
  expect(await prisma.order.count()).toBe(0)
})
