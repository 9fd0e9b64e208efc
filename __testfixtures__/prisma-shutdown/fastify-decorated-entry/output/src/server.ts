import Fastify from "fastify";
import { PrismaClient } from "@prisma/client";
import routes from "./routes";

const app = Fastify({ logger: true });
app.decorate("prisma", new PrismaClient());
app.register(routes);

await app.listen({ host: "0.0.0.0", port: 3000 });

async function shutdown(signal: string) {
  console.log(`${signal} received, shutting down`);
  try {
    await app.close();
    await app.prisma.$disconnect();
  } catch (error) {
    console.error("Error during shutdown", error);
    process.exit(1);
  }
  process.exit(0);
}

process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
