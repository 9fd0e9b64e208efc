import { z } from "zod";

const schema = z.object({ NODE_ENV: z.string(), LOG_DIR: z.string().default("logs") });
const parsed = schema.safeParse(process.env);

if (!parsed.success) {
  console.error("Invalid environment variables:", parsed.error.flatten().fieldErrors);
  throw new Error("Invalid environment variables");
}

export const env = parsed.data;
export const __prod__ = env.NODE_ENV === "production";
