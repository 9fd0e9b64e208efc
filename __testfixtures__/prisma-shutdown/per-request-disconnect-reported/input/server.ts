import Fastify from "fastify";
import { PrismaClient } from "@prisma/client";

const fastify = Fastify({ logger: true });
fastify.decorate("prisma", new PrismaClient());

const shutdown = async () => {
  fastify.log.info("Shutting down server...");
  await fastify.close();
  await fastify.prisma.$disconnect();
  process.exit(0);
};

process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

fastify.listen({ port: 3000 });
