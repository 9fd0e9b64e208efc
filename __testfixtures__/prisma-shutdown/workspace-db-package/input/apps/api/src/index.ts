import express from 'express'
import { prisma } from '@acme/db'

const app = express()

app.get('/users', async (_req, res) => {
  res.json(await prisma.user.findMany())
})

app.listen(3000, () => {
  console.log('listening on 3000')
})
