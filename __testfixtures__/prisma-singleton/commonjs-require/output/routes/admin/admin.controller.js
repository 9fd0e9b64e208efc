const { today, prisma } = require("../../utils");

async function stats(req, res) {
  res.json({ day: today(), users: await prisma.user.count() });
}

module.exports = { stats };
