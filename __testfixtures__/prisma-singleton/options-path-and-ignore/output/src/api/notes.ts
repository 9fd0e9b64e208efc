import { prisma } from '../db/client'

export const notes = () => prisma.note.findMany()
