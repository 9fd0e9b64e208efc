import { parseFilter } from "@/utils/prisma";
import { logger } from "@/utils/logger";

export async function performance(filter: string) {
  const where = parseFilter(filter);
  logger.info("performance where", { where });
  return where;
}
