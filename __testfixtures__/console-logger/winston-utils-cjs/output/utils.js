const winston = require("winston");

function formatDate(date) {
  console.log("formatting", date);
  return date.toISOString();
}

const logger = winston.createLogger({
  level: "info",
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

module.exports = { formatDate, logger };
