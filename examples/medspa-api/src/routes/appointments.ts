import { Hono } from 'hono';
import { AppointmentStatus } from '@prisma/client';
import { z } from 'zod';
import { withTransaction } from '../lib/db.js';
import { prisma } from '../lib/prisma.js';

export const appointments = new Hono();

const booking = z.object({
  clientId: z.string().min(1),
  treatmentId: z.string().min(1),
  startsAt: z.coerce.date(),
  provider: z.string().min(1),
});

appointments.get('/', async (c) => {
  const day = c.req.query('day') ? new Date(String(c.req.query('day'))) : new Date();
  const start = new Date(day);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 24 * 60 * 60 * 1000);
  const items = await prisma.appointment.findMany({
    where: { startsAt: { gte: start, lt: end }, status: { not: AppointmentStatus.CANCELLED } },
    orderBy: { startsAt: 'asc' },
    include: { client: { select: { firstName: true, lastName: true } }, treatment: true },
  });
  return c.json({ day: start.toISOString().slice(0, 10), items });
});

appointments.post('/', async (c) => {
  const body = booking.safeParse(await c.req.json().catch(() => null));
  if (!body.success) return c.json({ error: 'Invalid booking' }, 400);
  const { clientId, treatmentId, startsAt, provider } = body.data;

  try {
    const appointment = await withTransaction(async (tx) => {
      const treatment = await tx.treatment.findUniqueOrThrow({ where: { id: treatmentId } });
      const endsAt = new Date(startsAt.getTime() + treatment.durationMinutes * 60 * 1000);
      const clash = await tx.appointment.findFirst({
        where: { provider, status: AppointmentStatus.BOOKED, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
      });
      if (clash) return null;
      return tx.appointment.create({ data: { clientId, treatmentId, startsAt, endsAt, provider } });
    });
    if (!appointment) return c.json({ error: `${provider} is already booked at that time` }, 409);
    return c.json(appointment, 201);
  } catch (error) {
    console.error('Booking failed', error);
    throw error;
  }
});

appointments.patch('/:id/cancel', async (c) => {
  const appointment = await prisma.appointment.update({
    where: { id: c.req.param('id') },
    data: { status: AppointmentStatus.CANCELLED },
  });
  console.log(`Appointment ${appointment.id} cancelled`);
  return c.json(appointment);
});
