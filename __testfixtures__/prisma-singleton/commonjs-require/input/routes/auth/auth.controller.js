const { PrismaClient } = require("@prisma/client");
const prisma = new PrismaClient();
const {
  logger,
  today,
} = require("../../utils");

exports.login = async (req, res) => {
  const user = await prisma.user.findFirst({ where: { email: req.body.email } });
  logger.info(`login ${today()}`);
  res.json(user);
};
