import { Module } from '@prisma/client'
import { prisma } from '../lib/prisma'

export const allModules = async (): Promise<Module[]> => prisma.module.findMany()
