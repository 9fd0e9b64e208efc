const { Router } = require('express')
const { prisma } = require('../lib/prisma')

const router = Router()

router.get('/', async (req, res) => {
  const users = await prisma.user.findMany()
  res.json(users)
})

module.exports = router
