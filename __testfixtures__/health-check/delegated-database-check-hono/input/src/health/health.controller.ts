import { Hono } from 'hono';
import { checkHealth } from './health.service.js';

const app = new Hono();

app.get('/', async (c) => {
  await checkHealth();
  return c.json({ data: { status: 'ok' } });
});

export default app;
