import { db } from "@/server/db";

export const listPlans = () => db.plan.findMany();
