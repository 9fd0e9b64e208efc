import { Hono } from 'hono'
import { PrismaClient } from '@prisma/client'
import { PrismaNeon } from '@prisma/adapter-neon'
import { Pool } from '@neondatabase/serverless'

const app = new Hono<{ Bindings: { DATABASE_URL: string } }>()

app.get('/posts', async (c) => {
  const prisma = new PrismaClient({ adapter: new PrismaNeon(new Pool({ connectionString: c.env.DATABASE_URL })) })
  return c.json(await prisma.post.findMany())
})

export default app
