import { Router } from "express";
import { listQuotes } from "@/services/quotes.service";

const router = Router();

router.get("/health", (_req, res) => {
  res.status(200).json({ status: "ok", timestamp: new Date().toISOString() });
});

router.get("/quotes", async (_req, res) => {
  res.json(await listQuotes());
});

export default router;
