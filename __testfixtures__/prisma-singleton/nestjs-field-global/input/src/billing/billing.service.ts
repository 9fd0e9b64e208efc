import { Injectable, Logger } from '@nestjs/common';
import { Prisma, PrismaClient } from '@prisma/client';
import { ConfigService } from '@nestjs/config';

@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);
  private readonly db: PrismaClient = new PrismaClient();

  constructor(
    private readonly config: ConfigService,
  ) {}

  total(where: Prisma.InvoiceWhereInput) {
    return this.db.invoice.count({ where });
  }
}
