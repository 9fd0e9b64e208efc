import log from '../log.js'

export async function sync(batch) {
  log.info({ id: batch.id }, 'syncing batch') // eslint-disable-line no-unused-expressions
  try {
    await batch.run()
  } catch (error) {
    log.error({ err: error }, `batch ${batch.id} failed`)
  }
}
