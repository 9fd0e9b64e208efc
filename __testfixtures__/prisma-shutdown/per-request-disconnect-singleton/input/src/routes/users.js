const { Router } = require('express')
const { prisma } = require('../lib/prisma')

const router = Router()

router.get('/', async (req, res) => {
  try {
    const users = await prisma.user.findMany()
    res.json(users)
  } finally {
    await prisma.$disconnect()
  }
})

module.exports = router
