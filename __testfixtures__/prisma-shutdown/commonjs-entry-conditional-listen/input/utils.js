const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();
const logger = { info: (...args) => console.log(...args) };

module.exports = {
  logger,
  prisma,
};
