import pino from "pino";
import type { NextFunction, Request, Response } from "express";

export const logger = pino({ timestamp: pino.stdTimeFunctions.isoTime });

export function handleError(err: Error, _req: Request, res: Response, _next: NextFunction) {
  logger.error(err, "request failed");
  console.log(err);
  res.status(500).json({ message: err.message });
}
