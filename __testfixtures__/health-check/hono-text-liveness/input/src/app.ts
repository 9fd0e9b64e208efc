import { Hono } from 'hono'
import { db } from './db'

export const app = new Hono()

app.get('/health', (c) => c.text('OK'))
app.get('/users', async (c) => c.json(await db.user.findMany()))
