import Fastify from "fastify";
import { PrismaClient } from "@prisma/client";
import routes from "./routes";

const app = Fastify({ logger: true });
app.decorate("prisma", new PrismaClient());
app.register(routes);

await app.listen({ host: "0.0.0.0", port: 3000 });
