import { Hono } from 'hono'
import { prisma } from '../lib/prisma'

const health = new Hono()

health.get('/', (c) => c.json({ ok: true }))

health.get('/ready', async (c) => {
  const startedAt = Date.now()
  const healthy = await prisma.$queryRaw`SELECT 1`.then(() => true, () => false)
  return c.json({ status: healthy ? 'ready' : 'not_ready', database: { healthy, latencyMs: Date.now() - startedAt } }, healthy ? 200 : 503)
})

export default health
