import { type Project } from '@prisma/client'
import { slugify } from './slug'
import { prisma } from '@acme/db'

export const createProject = (name: string): Promise<Project> =>
  prisma.project.create({ data: { name, slug: slugify(name) } })
