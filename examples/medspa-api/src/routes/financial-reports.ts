import { Hono } from 'hono';
import { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';

export const financialReports = new Hono();

const prisma = new PrismaClient({
  log: process.env.NODE_ENV === 'development' ? ['query', 'warn', 'error'] : ['error'],
});

const period = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
});

// Revenue per invoice status over a period: GET /api/reports/financial/revenue?from=…&to=…
financialReports.get('/revenue', async (c) => {
  const query = period.safeParse(c.req.query());
  if (!query.success) {
    return c.json({ error: 'from and to must be dates' }, 400);
  }
  const { from, to } = query.data;

  try {
    const groups = await prisma.invoice.groupBy({
      by: ['status'],
      where: { issuedAt: { gte: from, lt: to } },
      _sum: { totalCents: true },
      _count: { _all: true },
    });
    return c.json({
      from,
      to,
      byStatus: groups.map((group) => ({
        status: group.status,
        invoices: group._count._all,
        totalCents: group._sum.totalCents ?? 0,
      })),
    });
  } catch (error) {
    console.error('Failed to build revenue report:', error);
    return c.json({ error: 'Could not build the revenue report' }, 500);
  }
});

// Paid revenue per treatment, highest first.
financialReports.get('/treatments', async (c) => {
  const query = period.safeParse(c.req.query());
  if (!query.success) {
    return c.json({ error: 'from and to must be dates' }, 400);
  }
  const { from, to } = query.data;

  const rows = await prisma.$queryRaw<Array<{ treatment: string; revenueCents: bigint }>>(Prisma.sql`
    SELECT t."name" AS treatment, SUM(i."totalCents") AS "revenueCents"
    FROM "Invoice" i
    JOIN "Appointment" a ON a."id" = i."appointmentId"
    JOIN "Treatment" t ON t."id" = a."treatmentId"
    WHERE i."status" = 'PAID' AND i."paidAt" >= ${from} AND i."paidAt" < ${to}
    GROUP BY t."name"
    ORDER BY "revenueCents" DESC
  `);
  console.log(`Treatment revenue report: ${rows.length} treatments between ${from.toISOString()} and ${to.toISOString()}`);

  return c.json({
    from,
    to,
    treatments: rows.map((row) => ({ treatment: row.treatment, revenueCents: Number(row.revenueCents) })),
  });
});
