const express = require('express');
const users = require('./controllers/users');
const { prisma } = require('./lib/prisma');

const app = express();
app.get('/users', users.list);
app.get('/count', async (req, res) => res.json(await prisma.user.count()));

module.exports = app;
