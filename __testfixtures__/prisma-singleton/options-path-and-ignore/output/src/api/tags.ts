import { prisma as client } from '../db/client'

export const tags = () => client.tag.findMany()
