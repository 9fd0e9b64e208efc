const { PrismaClient } = require("@prisma/client");

const isDev = process.env.NODE_ENV !== "production";

module.exports = new PrismaClient({ errorFormat: isDev ? "pretty" : "minimal", log: isDev ? ["query"] : [] });
