import { Hono } from "hono";
import { PrismaClient } from "@prisma/client";

const db = new PrismaClient();
export const bookings = new Hono();

bookings.get("/", async (c) => c.json(await db.booking.findMany()));
