import { Hono } from 'hono'
import { Pool } from '@neondatabase/serverless'
import { PrismaNeon } from '@prisma/adapter-neon'
import { PrismaClient } from '@prisma/client'

type Env = { Bindings: { DATABASE_URL: string } }
const app = new Hono<Env>()

app.get('/', async (c) => {
  const adapter = new PrismaNeon(new Pool({ connectionString: c.env.DATABASE_URL }))
  const prisma = new PrismaClient({ adapter })
  return c.json(await prisma.user.findMany())
})

export default app
