import type { FastifyInstance } from 'fastify';
import { getHealthStatus } from '../controllers/health.controller';

export async function healthRoutes(app: FastifyInstance) {
  app.get<{ Reply: { ok: boolean } }>(
    '/api/health',
    { schema: { tags: ['health'] } },
    async () => getHealthStatus(),
  );
}
