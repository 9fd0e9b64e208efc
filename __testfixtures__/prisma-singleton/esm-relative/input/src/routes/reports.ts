import { PrismaClient } from '@prisma/client';
import type { Request, Response } from 'express';

const prisma = new PrismaClient();

export async function monthlyReport(req: Request, res: Response) {
  const rows = await prisma.order.groupBy({ by: ['status'], _count: true });
  res.json(rows);
}

export function withClient(client: PrismaClient = prisma) {
  return client;
}
