import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class WebhooksService {
  constructor(private readonly prisma: PrismaService) {}

  list(orgId: string) {
    return this.prisma.webhook.findMany({ where: { orgId } });
  }
}
