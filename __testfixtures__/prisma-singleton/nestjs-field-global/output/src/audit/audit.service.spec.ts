import { AuditService } from './audit.service';

jest.mock('@prisma/client', () => ({ PrismaClient: jest.fn(() => ({ auditLog: { create: jest.fn() } })) }));

describe('AuditService', () => {
  it('records', async () => {
    await new AuditService().record('login');
  });
});
