import { prisma } from '../lib/prisma'

export const people = () => prisma.person.findMany()
