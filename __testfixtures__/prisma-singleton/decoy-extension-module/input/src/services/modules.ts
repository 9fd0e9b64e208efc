import { Module, PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export const allModules = async (): Promise<Module[]> => prisma.module.findMany()
