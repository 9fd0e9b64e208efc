import { Hono } from "hono";
import { PrismaClient } from "@prisma/client";

export const rooms = new Hono();

rooms.get("/:id", async (c) => {
  const prisma = new PrismaClient();
  try {
    return c.json(await prisma.room.findUnique({ where: { id: c.req.param("id") } }));
  } finally {
    await prisma.$disconnect();
  }
});
