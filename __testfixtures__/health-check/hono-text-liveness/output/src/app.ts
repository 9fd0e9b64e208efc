import { Hono } from 'hono'
import { db } from './db'

export const app = new Hono()

app.get('/health', (c) => c.text('OK'))
app.get('/health/ready', async (c) => {
  const startedAt = Date.now()
  const healthy = await db.$queryRaw`SELECT 1`.then(() => true, () => false)
  return c.json({ status: healthy ? 'ready' : 'not_ready', database: { healthy, latencyMs: Date.now() - startedAt } }, healthy ? 200 : 503)
})
app.get('/users', async (c) => c.json(await db.user.findMany()))
