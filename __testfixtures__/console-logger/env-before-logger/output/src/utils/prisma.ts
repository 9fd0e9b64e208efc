import { logger } from "@/utils/logger";

export function parseFilter(raw: string) {
  try {
    return JSON.parse(raw);
  } catch (error) {
    logger.error("Invalid filter format:", error);
    return {};
  }
}
