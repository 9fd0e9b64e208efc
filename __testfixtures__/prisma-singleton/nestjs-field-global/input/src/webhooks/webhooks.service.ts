import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class WebhooksService {
  private prisma = new PrismaClient();

  list(orgId: string) {
    return this.prisma.webhook.findMany({ where: { orgId } });
  }
}
