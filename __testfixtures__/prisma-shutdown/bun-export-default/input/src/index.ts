import { Hono } from 'hono'
import { prisma } from './db'

const app = new Hono()
app.get('/users', async (c) => c.json(await prisma.user.findMany()))

export default { port: 3000, fetch: app.fetch }
