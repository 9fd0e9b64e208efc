import { Router } from "express";
import { listQuotes } from "@/services/quotes.service";
import { prisma } from "@/utils/prisma";

const router = Router();

router.get("/health", (_req, res) => {
  res.status(200).json({ status: "ok", timestamp: new Date().toISOString() });
});

router.get("/health/ready", async (_req, res) => {
  const startedAt = Date.now();
  const healthy = await prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
  res.status(healthy ? 200 : 503).json({ status: healthy ? "ready" : "not_ready", database: { healthy, latencyMs: Date.now() - startedAt } });
});

router.get("/quotes", async (_req, res) => {
  res.json(await listQuotes());
});

export default router;
