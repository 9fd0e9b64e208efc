import bunyan from 'bunyan'

const log = bunyan.createLogger({ name: 'worker' })

export default log
