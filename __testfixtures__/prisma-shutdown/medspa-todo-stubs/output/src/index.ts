import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { connectDatabase, disconnectDatabase } from './lib/db';
import { health } from './routes/health';

const app = new Hono();
app.route('/health', health);

await connectDatabase();
const port = Number(process.env.PORT ?? 8080);
serve({ fetch: app.fetch, port });
console.log(`Listening on ${port}`);

// Graceful shutdown
async function shutdown(signal: string) {
  console.log(`${signal} received, shutting down gracefully...`);
  try {
    await disconnectDatabase();
  } catch (error) {
    console.error('Failed to disconnect from the database', error);
    process.exit(1);
  }
  process.exit(0);
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
