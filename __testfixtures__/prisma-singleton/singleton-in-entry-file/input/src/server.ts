import express from 'express'
import { PrismaClient } from '@prisma/client'
import { audit } from './middleware/audit'

export const prisma = new PrismaClient()

const app = express()
app.use(audit)
app.get('/users', async (req, res) => res.json(await prisma.user.findMany()))
app.listen(3000)
