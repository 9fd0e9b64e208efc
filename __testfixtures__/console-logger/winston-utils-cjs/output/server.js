const express = require("express");
const { logger } = require("./utils");
const { error } = require("console");

if (!process.env.PORT) {
  console.error("PORT is not set");
  process.exit(1);
}

const server = express();

server.post("/hiring", async (req, res) => {
  logger.info("API hiring called");
  try {
    const response = await save(req.body);
    logger.info({ response });
    res.json(response);
  } catch (err) {
    logger.error("Error-------->", err);
    error("still console");
    res.status(500).end();
  }
});

server.listen(process.env.PORT, () => {
  logger.info(`server started on ${process.env.PORT}`);
});
