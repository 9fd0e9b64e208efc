import express, { Router } from 'express'
import { PrismaClient } from '@prisma/client'
import { routes } from './routes'

const app = express()
const prisma = new PrismaClient()

app.use('/api', routes(Router(), prisma))

export { app }
