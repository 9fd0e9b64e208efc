import { PrismaClient } from "@prisma/client/extension";

export const SHARED_CLIENT = new PrismaClient()
