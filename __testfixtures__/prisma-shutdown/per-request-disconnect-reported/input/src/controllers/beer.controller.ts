import { FastifyRequest, FastifyReply } from "fastify";

export default class BeerController {
  static async getBeers(request: FastifyRequest, reply: FastifyReply) {
    const prisma = request.server.prisma;
    try {
      reply.send(await prisma.beer.findMany());
    } catch (error) {
      request.server.log.error(error);
      reply.status(500).send({ clientMessage: "Server Error" });
    } finally {
      await prisma.$disconnect();
    }
  }

  static async countBeers(request: FastifyRequest, reply: FastifyReply) {
    try {
      reply.send(await request.server.prisma.beer.count());
    } finally {
      // Keep the audit trail even when counting fails.
      request.server.log.info("counted");
      request.server.prisma.$disconnect();
    }
  }
}
