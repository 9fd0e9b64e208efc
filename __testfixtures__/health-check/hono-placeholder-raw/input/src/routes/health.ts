import { Hono } from 'hono'

const health = new Hono()

health.get('/', (c) => c.json({ ok: true }))

health.get('/ready', (c) => {
  // TODO: ping the database
  return c.json({ ready: true })
})

export default health
