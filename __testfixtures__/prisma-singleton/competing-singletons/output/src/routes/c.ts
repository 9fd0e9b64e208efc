import prisma from '../db/connection'

export const c = () => prisma.c.findMany()
