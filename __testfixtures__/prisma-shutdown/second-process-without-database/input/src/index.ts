import { serve } from '@hono/node-server'
import { app } from './app'
import { prisma } from './db'

const server = serve({ fetch: app.fetch, port: 3000 })

const gracefulShutdown = async (signal: string) => {
  console.log(`${signal} received`)
  server.close()
  await prisma.$disconnect()
  process.exit(0)
}

process.on('SIGTERM', () => gracefulShutdown('SIGTERM'))
process.on('SIGINT', () => gracefulShutdown('SIGINT'))
