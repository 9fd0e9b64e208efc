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
    console.log({ response });
    res.json(response);
  } catch (err) {
    console.error("Error-------->", err);
    error("still console");
    res.status(500).end();
  }
});

server.listen(process.env.PORT, () => {
  console.log(`server started on ${process.env.PORT}`);
});
