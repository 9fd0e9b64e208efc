import db from '../lib/client.js'
import { validate } from './validate.js'

export async function createEvent(input) {
  validate(input)
  return db.event.create({ data: input })
}
