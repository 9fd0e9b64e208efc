const winston = require("winston");

const { combine, timestamp, errors, json, colorize, simple } = winston.format;

/** The application's logger: JSON lines in production, readable output in development. */
const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || "info",
  format: process.env.NODE_ENV === "development"
    ? combine(errors({ stack: true }), colorize(), simple())
    : combine(errors({ stack: true }), timestamp(), json()),
  transports: [new winston.transports.Console()],
});

module.exports = { logger };
