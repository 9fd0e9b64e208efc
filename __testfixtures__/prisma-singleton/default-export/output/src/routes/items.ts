import express from "express";
import prisma from "../controllers/prismaClient";

const router = express.Router();

router.get("/", async (req, res) => {
    res.json(await prisma.items.findMany());
});

export default router;
