import { db as prisma } from "@/server/db";
import { logger } from "@/server/logger";

export const listInvoices = (accountId: string) =>
  prisma.invoice.findMany({ where: { accountId } });

export const countInvoices = async () => {
  logger.info("counting");
  return prisma.invoice.count();
};
