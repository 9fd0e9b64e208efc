import Fastify from "fastify";
import { PrismaClient } from "@prisma/client";
import routes from "./src/routes/root.routes";

const fastify = Fastify({ logger: true });
fastify.decorate("prisma", new PrismaClient());
fastify.register(routes);
fastify.listen({ port: 3000 });
