import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class AuditService {
  private prisma = new PrismaClient();

  record(action: string) {
    return this.prisma.auditLog.create({ data: { action } });
  }
}
