import { type Entry } from '@prisma/client'
import client from '../lib/prisma.js'

export async function post(entry: Entry): Promise<Entry> {
  return client.entry.create({ data: entry })
}
