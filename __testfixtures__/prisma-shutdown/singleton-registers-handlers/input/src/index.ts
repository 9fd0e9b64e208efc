import express from 'express'
import { prisma } from './lib/prisma'

const app = express()
app.get('/users', async (_req, res) => res.json(await prisma.user.findMany()))
app.listen(3000)
