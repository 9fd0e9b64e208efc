import { queue } from './queue.js'

queue.start()

process.once('SIGTERM', () => {
  queue.drain().then(() => {
    process.exit(0)
  })
})

process.once('SIGINT', () => process.exit(130))
