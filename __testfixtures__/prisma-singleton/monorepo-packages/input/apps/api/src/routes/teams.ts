import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export const listTeams = () => prisma.team.findMany()
