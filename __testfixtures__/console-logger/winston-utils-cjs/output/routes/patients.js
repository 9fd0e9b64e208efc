const { formatDate, logger } = require("../utils");

exports.list = async (req, res) => {
  try {
    logger.info("listing patients", { page: req.query.page, formatDate: formatDate(new Date()) });
    res.json([]);
  } catch (error) {
    logger.error("Error:", error);
    logger.warn("list failed for", { page: req.query.page, stack: error instanceof Error ? error.stack : String(error) });
  }
};

exports.login = async (req, res) => {
  const { email, password } = req.body;
  logger.info({ email, password });
  logger.info(req.body);
  res.end();
};
