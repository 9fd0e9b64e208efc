import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export const notes = () => prisma.note.findMany()
