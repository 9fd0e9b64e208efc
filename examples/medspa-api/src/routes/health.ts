import { Hono } from 'hono';

export const health = new Hono();

const bootedAt = Date.now();

type CheckResult = { status: 'healthy' | 'unhealthy'; latency?: number };

// Liveness: the process answers. Docker's HEALTHCHECK and Cloud Run's liveness probe call this.
health.get('/', (c) =>
  c.json({
    status: 'healthy',
    uptimeSeconds: Math.round((Date.now() - bootedAt) / 1000),
    timestamp: new Date().toISOString(),
  }),
);

health.get('/live', (c) => c.json({ status: 'alive' }));

// Readiness: whether this instance can serve traffic right now.
health.get('/ready', async (c) => {
  const checks: Record<string, CheckResult> = {};
  let allHealthy = true;

  try {
    const start = Date.now();
    // TODO: Add actual database health check
    const dbHealthy = true; // Placeholder
    const latency = Date.now() - start;
    checks.database = { status: dbHealthy ? 'healthy' : 'unhealthy', latency };
    if (!dbHealthy) allHealthy = false;
  } catch {
    checks.database = { status: 'unhealthy' };
    allHealthy = false;
  }

  return c.json(
    { status: allHealthy ? 'ready' : 'not_ready', checks, timestamp: new Date().toISOString() },
    allHealthy ? 200 : 503,
  );
});
