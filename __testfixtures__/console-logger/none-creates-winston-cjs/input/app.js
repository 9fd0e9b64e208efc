const express = require("express");
const users = require("./controllers/users");

const app = express();
app.get("/users", users.list);
app.listen(3000, () => console.log("up"));
