import { Hono } from "hono";
import { prisma } from "../lib/prisma";

export const rooms = new Hono();

rooms.get("/:id", async (c) => {
  return c.json(await prisma.room.findUnique({ where: { id: c.req.param("id") } }));
});
