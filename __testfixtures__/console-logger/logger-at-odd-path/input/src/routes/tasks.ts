import { Router } from "express";

export const tasks = Router();

tasks.delete("/:id", async (req, res) => {
  console.warn("deleting task", req.params.id);
  res.status(204).end();
});
