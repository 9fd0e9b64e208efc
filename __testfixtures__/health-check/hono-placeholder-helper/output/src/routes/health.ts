import { Hono } from 'hono';
import { checkDatabaseHealth } from '../lib/db';

export const health = new Hono();

// Liveness: the process answers.
health.get('/', (c) => c.json({ status: 'ok', timestamp: new Date().toISOString() }));

// Readiness: can this instance serve traffic?
health.get('/ready', async (c) => {
  const checks: Record<string, unknown> = {};

  const dbHealthy = (await checkDatabaseHealth()).healthy;
  checks.database = dbHealthy ? 'up' : 'down';

  const statusCode = dbHealthy ? 200 : 503;
  return c.json({ status: dbHealthy ? 'ready' : 'not_ready', checks }, statusCode);
});
