import { PrismaClient, type Entry } from '@prisma/client'

const client = new PrismaClient()

export async function post(entry: Entry): Promise<Entry> {
  return client.entry.create({ data: entry })
}
