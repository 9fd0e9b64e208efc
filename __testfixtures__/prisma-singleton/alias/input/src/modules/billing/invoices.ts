import { PrismaClient } from "@prisma/client";
import { logger } from "@/server/logger";

const prisma = new PrismaClient();

export const listInvoices = (accountId: string) =>
  prisma.invoice.findMany({ where: { accountId } });

export const countInvoices = async () => {
  logger.info("counting");
  return prisma.invoice.count();
};
