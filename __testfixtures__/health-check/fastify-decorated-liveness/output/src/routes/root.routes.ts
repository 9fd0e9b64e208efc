import { FastifyInstance } from "fastify";

export default async function (fastify: FastifyInstance) {
  fastify.get("/", async (_request, response) => {
    return response.sendFile("index.html");
  });

  fastify.get("/health", async (_request, response) => {
    return response.send({ status: "ok" });
  });

  fastify.get("/health/ready", async (_request, response) => {
    const startedAt = Date.now();
    const healthy = await fastify.prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
    return response.code(healthy ? 200 : 503).send({ status: healthy ? "ready" : "not_ready", database: { healthy, latencyMs: Date.now() - startedAt } });
  });
}
