/* eslint-disable no-console */
export async function sync(batch) {
  console.log('syncing batch', batch.id) // eslint-disable-line no-console, no-unused-expressions
  try {
    await batch.run()
  } catch (error) {
    console.error(`batch ${batch.id} failed`, error)
  }
}
