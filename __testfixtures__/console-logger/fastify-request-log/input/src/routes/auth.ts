import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";

export const validateLogin = async (request: FastifyRequest, reply: FastifyReply) => {
  try {
    request.body = schema.parse(request.body);
  } catch (error) {
    if (error instanceof z.ZodError) {
      console.error(error.errors);
      return reply.status(400).send({ errors: error.errors });
    }
    console.error("unexpected", error);
    throw error;
  }
};

export function hashPassword(password: string) {
  console.log("hashing");
  return password;
}
