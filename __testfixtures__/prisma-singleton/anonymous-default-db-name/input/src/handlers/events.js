import { PrismaClient } from '@prisma/client'
import { validate } from './validate.js'

const db = new PrismaClient()

export async function createEvent(input) {
  validate(input)
  return db.event.create({ data: input })
}
