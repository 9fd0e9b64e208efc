import prismaClient from "../controllers/prismaClient";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function getSeller(id: number) {
    return prisma.sellers.findUnique({ where: { id } });
}

export async function listSellers() {
    const sellers = await prismaClient.sellers.findMany();
    return { sellers, prisma };
}
