'use strict'
const express = require('express')
const { PrismaClient, Prisma } = require('@prisma/client')
const prisma = new PrismaClient()

const list = async (req, res) => {
  try {
    res.json(await prisma.order.findMany())
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) res.status(400).end()
  } finally {
    await prisma.$disconnect()
  }
}

module.exports = { list }
