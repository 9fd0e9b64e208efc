import type { Router } from "express";
import { prisma } from "../lib/prisma.js";

export default function mountHealth(router: Router) {
  router.get("/health", (_req, res) => {
    res.json({ ok: true, service: "api" });
  });

  router.get("/health/db", async (_req, res) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });
}
