import { PrismaClient } from '@prisma/client'
import { db } from '../lib/db'
import { audit } from './audit'

export async function listTags() {
  return db.tag.findMany()
}

export async function tagStats(req: { query: { id: string } }) {
  const prisma = new PrismaClient()
  const tag = await prisma.tag.findUnique({ where: { id: req.query.id } })
  await audit({ prisma, tag })
  return tag
}
