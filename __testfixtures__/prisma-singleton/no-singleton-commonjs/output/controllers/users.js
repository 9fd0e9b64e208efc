const { prisma } = require('../lib/prisma');

module.exports.list = async (req, res) => {
  res.json(await prisma.user.findMany());
};
