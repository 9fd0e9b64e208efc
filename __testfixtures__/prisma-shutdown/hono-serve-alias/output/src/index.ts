import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { users } from '@/routes/users'
import { db } from '@/lib/db'

const app = new Hono()
app.route('/users', users)

const server = serve({ fetch: app.fetch, port: 3000 }, (info) => {
  console.log(`Listening on http://localhost:${info.port}`)
})

async function shutdown(signal: string) {
  console.log(`${signal} received, shutting down`)
  try {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    await db.$disconnect()
  } catch (error) {
    console.error('Error during shutdown', error)
    process.exit(1)
  }
  process.exit(0)
}

process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
