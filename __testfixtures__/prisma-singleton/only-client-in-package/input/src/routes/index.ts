import type { Router } from 'express'
import type { PrismaClient } from '@prisma/client'

export const routes = (router: Router, prisma: PrismaClient) => router.get('/', async (_req, res) => res.json(await prisma.user.count()))
