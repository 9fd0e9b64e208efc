import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { env } from './config/env.js';
import { errorHandler } from './middleware/error-handler.js';
import { appointments } from './routes/appointments.js';
import { clients } from './routes/clients.js';
import { financialReports } from './routes/financial-reports.js';
import { health } from './routes/health.js';

const app = new Hono();

app.use(
  '*',
  cors({
    origin: env.CORS_ORIGINS.split(',').map((origin) => origin.trim()),
    credentials: true,
  }),
);

// Request log: method, path, status and duration.
app.use('*', async (c, next) => {
  const started = Date.now();
  await next();
  console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms`);
});

app.route('/health', health);
app.route('/api/clients', clients);
app.route('/api/appointments', appointments);
app.route('/api/reports/financial', financialReports);

app.notFound((c) => c.json({ error: 'Not found' }, 404));
app.onError(errorHandler);

serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  console.log(`medspa-api listening on port ${info.port} (${env.NODE_ENV})`);
});

// Graceful shutdown
process.on('SIGTERM', async () => {
  console.log('SIGTERM received, shutting down gracefully...');
  // TODO: Close database connections
  // await closeDatabaseConnection();
  process.exit(0);
});

process.on('SIGINT', async () => {
  console.log('SIGINT received, shutting down gracefully...');
  // TODO: Close database connections
  // await closeDatabaseConnection();
  process.exit(0);
});

export default app;
