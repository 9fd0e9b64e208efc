import { parseFilter } from "@/utils/prisma";

export async function performance(filter: string) {
  const where = parseFilter(filter);
  console.log("performance where", where);
  return where;
}
