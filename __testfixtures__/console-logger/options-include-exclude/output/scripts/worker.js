const { run } = require('../src/queue')
const logger = require('../src/lib/logger')

run().catch((err) => logger.error({ err }, 'worker stopped'))
