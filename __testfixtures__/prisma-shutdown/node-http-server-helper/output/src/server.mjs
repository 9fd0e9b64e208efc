import http from 'node:http'
import express from 'express'
import { prisma, closeDatabase } from './db.mjs'

const app = express()
app.get('/users', async (_req, res) => res.json(await prisma.user.findMany()))

const server = http.createServer(app)
server.listen(process.env.PORT ?? 3000)

async function shutdown(signal) {
  console.log(`${signal} received, shutting down`)
  try {
    await new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    await closeDatabase()
  } catch (error) {
    console.error('Error during shutdown', error)
    process.exit(1)
  }
  process.exit(0)
}

process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
