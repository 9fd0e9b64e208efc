import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";

export const validateLogin = async (request: FastifyRequest, reply: FastifyReply) => {
  try {
    request.body = schema.parse(request.body);
  } catch (error) {
    if (error instanceof z.ZodError) {
      request.log.error({ errors: error.errors });
      return reply.status(400).send({ errors: error.errors });
    }
    request.log.error({ err: error }, "unexpected");
    throw error;
  }
};

export function hashPassword(password: string) {
  console.log("hashing");
  return password;
}
