import Fastify from 'fastify'
import { PrismaClient } from '@prisma/client'
import { beers } from './routes/beers.js'

const fastify = Fastify({ logger: true })
fastify.decorate('prisma', new PrismaClient())
fastify.register(beers)

await fastify.listen({ port: 3000 })
