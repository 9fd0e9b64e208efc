const express = require('express')

const router = express.Router()

router.get('/health', (req, res) => res.send('OK'))

router.get('/health/ready', (req, res) => {
  // TODO: check the database once we have one
  res.json({ ready: true })
})

module.exports = router
