const express = require("express")
const { prisma } = require("./lib/prisma")
const redis = require("./lib/redis")

const app = express()
app.get("/users", async (req, res) => res.json(await prisma.user.findMany()))

const server = app.listen(3000)

function shutdown() {
  server.close(async () => {
    // TODO: Disconnect Redis here
    try {
      await prisma.$disconnect()
    } catch (error) {
      console.error("Failed to disconnect from the database", error)
      process.exit(1)
    }
    process.exit(0)
  })
}

process.on("SIGTERM", shutdown)
process.on("SIGINT", shutdown)
