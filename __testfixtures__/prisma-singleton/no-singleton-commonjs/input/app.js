const express = require('express');
const users = require('./controllers/users');
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();

const app = express();
app.get('/users', users.list);
app.get('/count', async (req, res) => res.json(await prisma.user.count()));

module.exports = app;
