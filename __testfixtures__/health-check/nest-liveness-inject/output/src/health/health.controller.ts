import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  check() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const startedAt = Date.now();
    const healthy = await this.prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
    const result = { status: healthy ? 'ready' : 'not_ready', database: { healthy, latencyMs: Date.now() - startedAt } };
    if (!healthy) throw new ServiceUnavailableException(result);
    return result;
  }
}
