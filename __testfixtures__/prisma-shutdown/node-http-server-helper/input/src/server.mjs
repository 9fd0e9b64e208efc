import http from 'node:http'
import express from 'express'
import { prisma } from './db.mjs'

const app = express()
app.get('/users', async (_req, res) => res.json(await prisma.user.findMany()))

const server = http.createServer(app)
server.listen(process.env.PORT ?? 3000)
