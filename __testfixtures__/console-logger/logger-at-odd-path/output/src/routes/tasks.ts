import { Router } from "express";
import { logger } from "../middleware/errors";

export const tasks = Router();

tasks.delete("/:id", async (req, res) => {
  logger.warn({ id: req.params.id }, "deleting task");
  res.status(204).end();
});
