import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { users } from '@/routes/users'

const app = new Hono()
app.route('/users', users)

const server = serve({ fetch: app.fetch, port: 3000 }, (info) => {
  console.log(`Listening on http://localhost:${info.port}`)
})
