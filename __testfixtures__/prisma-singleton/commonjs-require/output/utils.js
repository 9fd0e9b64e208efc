const winston = require("winston");
const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();

const logger = winston.createLogger({ level: "info" });

function today() {
  return new Date().toISOString().slice(0, 10);
}

module.exports = {
  logger,
  prisma,
  today,
};
