import Fastify from "fastify";

if (!process.env.FRONTEND_URL) {
  console.error("FRONTEND_URL is not defined. Server will not start.");
  process.exit(1);
}

const app = Fastify({ logger: true });

app.listen({ port: 3000 }).then(() => {
  console.log("listening");
});
