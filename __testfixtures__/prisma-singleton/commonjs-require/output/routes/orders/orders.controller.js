'use strict'
const express = require('express')
const { Prisma } = require('@prisma/client')
const { prisma } = require('../../utils')

const list = async (req, res) => {
  try {
    res.json(await prisma.order.findMany())
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) res.status(400).end()
  }
}

module.exports = { list }
