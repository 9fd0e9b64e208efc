import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { PrismaClient } from '@prisma/client'

const app = new Hono()
const prisma = new PrismaClient()

app.get('/users', async (c) => c.json(await prisma.user.findMany()))

const port = process.env.PORT ? parseInt(process.env.PORT) : 4444
serve({
  fetch: app.fetch,
  port
})
