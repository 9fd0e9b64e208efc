export * from './client'
export * from '@prisma/client'
