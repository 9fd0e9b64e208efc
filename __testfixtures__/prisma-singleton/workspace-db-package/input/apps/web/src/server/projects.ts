import { PrismaClient, type Project } from '@prisma/client'
import { slugify } from './slug'

const prisma = new PrismaClient()

export const createProject = (name: string): Promise<Project> =>
  prisma.project.create({ data: { name, slug: slugify(name) } })
