const { formatDate } = require("../utils");

exports.list = async (req, res) => {
  try {
    console.log("listing patients", req.query.page, formatDate(new Date()));
    res.json([]);
  } catch (error) {
    console.error(error);
    console.warn("list failed for", req.query.page, error);
  }
};

exports.login = async (req, res) => {
  const { email, password } = req.body;
  console.log({ email, password });
  console.log(req.body);
  res.end();
};
