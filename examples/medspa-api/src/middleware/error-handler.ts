import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toHttpError } from '../lib/db.js';

/** Last stop for thrown errors: HTTP exceptions keep their response, database errors are mapped. */
export const errorHandler: ErrorHandler = (error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  const { status, message } = toHttpError(error);
  if (status === 500) {
    console.error(`Unhandled error on ${c.req.method} ${c.req.path}`, error);
  }
  return c.json({ error: message }, status);
};
