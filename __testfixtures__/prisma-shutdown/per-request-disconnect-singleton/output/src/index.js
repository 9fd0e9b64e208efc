const express = require('express')
const { prisma } = require('./lib/prisma')
const users = require('./routes/users')

const app = express()
app.use('/users', users)
const server = app.listen(3000)

process.on('SIGTERM', () => {
  server.close(async () => {
    await prisma.$disconnect()
    process.exit(0)
  })
})
process.on('SIGINT', async () => {
  try {
    await prisma.$disconnect()
  } catch (error) {
    console.error('Failed to disconnect from the database', error)
    process.exit(1)
  }
  process.exit(0)
})
