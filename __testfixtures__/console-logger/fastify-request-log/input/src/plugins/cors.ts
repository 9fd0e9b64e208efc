import fastifyPlugin from "fastify-plugin";

export default fastifyPlugin(async (fastify) => {
  console.info("registering cors");
});
