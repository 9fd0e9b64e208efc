import { PrismaClient } from '@prisma/client'
import type { NextFunction, Request, Response } from 'express'

const prisma = new PrismaClient()

export async function audit(req: Request, _res: Response, next: NextFunction) {
  await prisma.auditLog.create({ data: { path: req.path } })
  next()
}
