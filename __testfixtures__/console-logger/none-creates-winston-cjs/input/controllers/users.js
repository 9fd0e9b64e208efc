exports.list = async (req, res) => {
  try {
    res.json(await findUsers());
  } catch (e) {
    console.error("list users failed", e);
  }
};
