import express from 'express'
import { prisma } from './db.mjs'

const app = express()

// Readiness without the database on purpose: the DB has its own alerting.
app.get('/ready', (_req, res) => {
  res.json({ ready: true })
})

app.get('/orders', async (_req, res) => res.json(await prisma.order.findMany()))
