import { queue } from './queue.js'
import { disconnectDatabase } from './db.js'

queue.start()

process.once('SIGTERM', () => {
  queue.drain().then(async () => {
    try {
      await disconnectDatabase()
    } catch (error) {
      console.error('Failed to disconnect from the database', error)
      process.exit(1)
    }
    process.exit(0)
  })
})

process.once('SIGINT', async () => {
  try {
    await disconnectDatabase()
  } catch (error) {
    console.error('Failed to disconnect from the database', error)
    process.exit(1)
  }
  process.exit(130)
})
