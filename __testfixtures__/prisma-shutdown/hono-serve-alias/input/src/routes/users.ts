import { Hono } from 'hono'
import { db } from '@/lib/db'

export const users = new Hono().get('/', async (c) => c.json(await db.user.findMany()))
