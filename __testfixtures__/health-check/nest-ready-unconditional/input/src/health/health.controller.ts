import { Controller, Get } from "@nestjs/common";
import { PrismaService } from "../prisma/prisma.service";

@Controller("health")
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  @Get("live")
  live() {
    return { status: "alive" };
  }

  @Get("ready")
  readiness() {
    return { status: "ready", timestamp: new Date().toISOString() };
  }
}
