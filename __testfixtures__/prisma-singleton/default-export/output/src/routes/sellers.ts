import prismaClient from "../controllers/prismaClient";

export async function getSeller(id: number) {
    return prismaClient.sellers.findUnique({ where: { id } });
}

export async function listSellers() {
    const sellers = await prismaClient.sellers.findMany();
    return { sellers, prisma: prismaClient };
}
