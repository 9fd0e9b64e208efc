const { today } = require("../../utils");
const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();

async function stats(req, res) {
  res.json({ day: today(), users: await prisma.user.count() });
}

module.exports = { stats };
