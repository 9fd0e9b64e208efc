import { PrismaClient } from '@prisma/client'

declare global {
  var cached: PrismaClient
}
declare const client: typeof PrismaClient extends new () => infer C ? C : never
// new PrismaClient() happens in src/lib/prisma.ts
