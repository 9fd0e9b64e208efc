const express = require("express");
const { logger } = require("./utils");
const { PrismaClient } = require("@prisma/client");
const { login } = require("./routes/auth/auth.controller");

const app = express();
const prisma = new PrismaClient();

app.post("/login", login);
app.get("/ready", async (req, res) => {
  await prisma.$queryRaw`SELECT 1`;
  res.send("ok");
});

app.listen(3000, () => logger.info("up"));
