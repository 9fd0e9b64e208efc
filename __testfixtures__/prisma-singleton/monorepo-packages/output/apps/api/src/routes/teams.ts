import { prisma } from '../lib/prisma'

export const listTeams = () => prisma.team.findMany()
