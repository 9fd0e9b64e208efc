import { Prisma } from '@prisma/client';
import { prisma } from './prisma.js';

/** Runs `work` in one transaction with bounded waits, so a stuck query cannot hold a connection forever. */
export async function withTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, {
    maxWait: 5_000,
    timeout: 10_000,
    isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted,
  });
}

export interface DatabaseHealth {
  healthy: boolean;
  latency?: number;
  error?: string;
}

/** Round-trips a trivial query and reports how long it took. */
export async function checkDatabaseHealth(): Promise<DatabaseHealth> {
  const started = Date.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { healthy: true, latency: Date.now() - started };
  } catch (error) {
    return { healthy: false, error: error instanceof Error ? error.message : 'Unknown error' };
  }
}

/** Closes the connection pool; call once on shutdown. */
export async function disconnectDatabase(): Promise<void> {
  await prisma.$disconnect();
}

export interface HttpError {
  status: 400 | 404 | 409 | 500;
  message: string;
}

/** Maps the Prisma errors a client can cause to an HTTP answer; anything else is a 500. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') return { status: 409, message: 'A record with this value already exists' };
    if (error.code === 'P2003') return { status: 400, message: 'A referenced record does not exist' };
    if (error.code === 'P2025') return { status: 404, message: 'Record not found' };
    console.warn(`Unmapped Prisma error ${error.code}`);
  }
  return { status: 500, message: 'Internal server error' };
}
