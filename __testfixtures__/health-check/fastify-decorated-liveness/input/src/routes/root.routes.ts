import { FastifyInstance } from "fastify";

export default async function (fastify: FastifyInstance) {
  fastify.get("/", async (_request, response) => {
    return response.sendFile("index.html");
  });

  fastify.get("/health", async (_request, response) => {
    return response.send({ status: "ok" });
  });
}
