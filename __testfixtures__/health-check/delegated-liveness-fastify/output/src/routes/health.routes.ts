import type { FastifyInstance } from 'fastify';
import { getHealthStatus } from '../controllers/health.controller';
import { prisma } from '../prisma';

export async function healthRoutes(app: FastifyInstance) {
  app.get<{ Reply: { ok: boolean } }>(
    '/api/health',
    { schema: { tags: ['health'] } },
    async () => getHealthStatus(),
  );

  app.get('/api/health/ready', async (_request, reply) => {
    const startedAt = Date.now();
    const healthy = await prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ready' : 'not_ready', database: { healthy, latencyMs: Date.now() - startedAt } });
  });
}
