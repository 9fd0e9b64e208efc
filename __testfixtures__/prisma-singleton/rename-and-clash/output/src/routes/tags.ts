import { db } from '../lib/db'
import { audit } from './audit'

export async function listTags() {
  return db.tag.findMany()
}

export async function tagStats(req: { query: { id: string } }) {
  const tag = await db.tag.findUnique({ where: { id: req.query.id } })
  await audit({ prisma: db, tag })
  return tag
}
