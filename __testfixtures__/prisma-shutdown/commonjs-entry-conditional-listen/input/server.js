const express = require("express");
require("dotenv").config();
const { logger, prisma } = require("./utils");
const server = express();

server.get("/hiring", async (req, res) => {
  res.json(await prisma.hiring_form.findMany());
});

if (process.env.NODE_ENV === "development") {
  server.listen(process.env.PORT, () => {
    logger.info("server started");
  });
}
