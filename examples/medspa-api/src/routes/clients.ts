import { Hono } from 'hono';
import { z } from 'zod';
import { prisma } from '../lib/prisma.js';

export const clients = new Hono();

const newClient = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.string().email(),
  phone: z.string().optional(),
  birthDate: z.coerce.date().optional(),
});

clients.get('/', async (c) => {
  const page = Math.max(1, Number(c.req.query('page') ?? 1));
  const pageSize = 25;
  const [items, total] = await Promise.all([
    prisma.client.findMany({
      orderBy: { lastName: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, firstName: true, lastName: true, email: true, phone: true },
    }),
    prisma.client.count(),
  ]);
  return c.json({ items, page, total });
});

clients.get('/:id', async (c) => {
  const client = await prisma.client.findUnique({
    where: { id: c.req.param('id') },
    include: { appointments: { orderBy: { startsAt: 'desc' }, take: 10 } },
  });
  if (!client) return c.json({ error: 'Client not found' }, 404);
  return c.json(client);
});

clients.post('/', async (c) => {
  const body = newClient.safeParse(await c.req.json().catch(() => null));
  if (!body.success) {
    console.warn('Rejected client payload', body.error.flatten().fieldErrors);
    return c.json({ error: 'Invalid client', details: body.error.flatten().fieldErrors }, 400);
  }
  const client = await prisma.client.create({ data: body.data });
  console.info(`Created client ${client.id}`);
  return c.json(client, 201);
});
