const { run } = require('../src/queue')

run().catch((err) => console.error('worker stopped', err))
