import { cronWorker } from './jobs/cron.worker'

const shutdown = async () => {
  await cronWorker.close()
  process.exit(0)
}

process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
