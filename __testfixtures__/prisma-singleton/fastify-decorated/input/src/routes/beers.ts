import type { FastifyInstance } from 'fastify'
import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export async function beers(fastify: FastifyInstance) {
  fastify.get('/beers', async () => prisma.beer.findMany())
}
