import express from "express";
import prismaClient from "./controllers/prismaClient";

const app = express();
app.get("/brands", async (_req, res) => res.json(await prismaClient.brand.findMany()));

export default app;
