import express from 'express'
import { prisma } from '@acme/db'

const app = express()

app.get('/users', async (_req, res) => {
  res.json(await prisma.user.findMany())
})

const server = app.listen(3000, () => {
  console.log('listening on 3000')
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
