const { logger } = require("../lib/logger");

exports.list = async (req, res) => {
  try {
    res.json(await findUsers());
  } catch (e) {
    logger.error("list users failed", e);
  }
};
