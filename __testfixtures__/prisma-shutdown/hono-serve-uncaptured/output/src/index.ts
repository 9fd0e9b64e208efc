import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { PrismaClient } from '@prisma/client'

const app = new Hono()
const prisma = new PrismaClient()

app.get('/users', async (c) => c.json(await prisma.user.findMany()))

const port = process.env.PORT ? parseInt(process.env.PORT) : 4444
const server = serve({
  fetch: app.fetch,
  port
})

async function shutdown(signal: string) {
  console.log(`${signal} received, shutting down`)
  try {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    await prisma.$disconnect()
  } catch (error) {
    console.error('Error during shutdown', error)
    process.exit(1)
  }
  process.exit(0)
}

process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
