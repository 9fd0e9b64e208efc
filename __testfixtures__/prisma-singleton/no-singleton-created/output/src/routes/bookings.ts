import { Hono } from "hono";
import { prisma as db } from "../lib/prisma";

export const bookings = new Hono();

bookings.get("/", async (c) => c.json(await db.booking.findMany()));
