const express = require("express");
const { logger, prisma } = require("./utils");
const { login } = require("./routes/auth/auth.controller");

const app = express();

app.post("/login", login);
app.get("/ready", async (req, res) => {
  await prisma.$queryRaw`SELECT 1`;
  res.send("ok");
});

app.listen(3000, () => logger.info("up"));
