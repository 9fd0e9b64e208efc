const express = require("express");
const users = require("./controllers/users");
const { logger } = require("./lib/logger");

const app = express();
app.get("/users", users.list);
app.listen(3000, () => logger.info("up"));
