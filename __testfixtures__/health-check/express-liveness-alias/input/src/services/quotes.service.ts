import { prisma } from "@/utils/prisma";

export const listQuotes = () => prisma.quote.findMany();
