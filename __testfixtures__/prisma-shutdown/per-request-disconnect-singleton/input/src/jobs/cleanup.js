const { PrismaClient } = require('@prisma/client')

async function purgeExpiredSessions() {
  const client = new PrismaClient()
  try {
    await client.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
  } finally {
    await client.$disconnect()
  }
}

module.exports = { purgeExpiredSessions }
