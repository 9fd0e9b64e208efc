const express = require('express')
const prisma = require('../lib/prisma')

const router = express.Router()

router.get('/health', (req, res) => res.send('OK'))

router.get('/health/ready', async (req, res) => {
  const startedAt = Date.now()
  const healthy = await prisma.$queryRaw`SELECT 1`.then(() => true, () => false)
  res.status(healthy ? 200 : 503).json({ status: healthy ? 'ready' : 'not_ready', database: { healthy, latencyMs: Date.now() - startedAt } })
})

module.exports = router
