import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { connectDatabase } from './lib/db';
import { health } from './routes/health';

const app = new Hono();
app.route('/health', health);

await connectDatabase();
const port = Number(process.env.PORT ?? 8080);
serve({ fetch: app.fetch, port });
console.log(`Listening on ${port}`);

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
