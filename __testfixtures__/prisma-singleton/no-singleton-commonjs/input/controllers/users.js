const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

module.exports.list = async (req, res) => {
  res.json(await prisma.user.findMany());
};
