// Fills a development database with a few treatments and clients: `npm run db:seed`.
import { PrismaClient } from '@prisma/client';

// A one-off script: its own client, disconnected when the script ends.
const prisma = new PrismaClient();

const treatments = [
  { name: 'Botox (per area)', durationMinutes: 30, priceCents: 35000 },
  { name: 'HydraFacial', durationMinutes: 60, priceCents: 22500 },
  { name: 'Laser hair removal', durationMinutes: 45, priceCents: 18000 },
];

async function main(): Promise<void> {
  for (const treatment of treatments) {
    await prisma.treatment.upsert({ where: { name: treatment.name }, update: treatment, create: treatment });
  }
  const client = await prisma.client.upsert({
    where: { email: 'ada.example@example.test' },
    update: {},
    create: { firstName: 'Ada', lastName: 'Example', email: 'ada.example@example.test' },
  });
  console.log(`Seeded ${treatments.length} treatments and client ${client.id}`);
}

main()
  .catch((error) => {
    console.error('Seeding failed:', error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
