import express from 'express'

const app = express()
app.get('/orders', (_req, res) => {
  console.log('orders requested')
  res.json([])
})
app.listen(3000)
