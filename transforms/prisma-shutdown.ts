import { defineTransform } from '../src/define-transform.js'
import { SCRIPT_FILES } from './lib/globs.js'

export default defineTransform({
  meta: {
    id: 'prisma-shutdown',
    title: 'Disconnect Prisma on SIGTERM and SIGINT',
    severity: 'medium',
    audit: { ref: 'prisma-shutdown', finding: 'Incomplete shutdown handlers' },
    description:
      "Cloud Run and Kubernetes send SIGTERM before stopping an instance; handlers that exit without $disconnect() drop in-flight queries and leave connections open until the database times them out. Wires the project's disconnect into one shutdown function for both signals.",
    files: SCRIPT_FILES,
    contains: ['SIGTERM', 'SIGINT', 'listen', 'PrismaClient', 'NestFactory', 'serve('],
    example: {
      file: 'src/index.ts',
      before: "process.on('SIGTERM', () => {\n  // TODO: Close database connections\n  process.exit(0)\n})",
      after: "async function shutdown(signal: string) {\n  try {\n    await prisma.$disconnect()\n  } finally {\n    process.exit(0)\n  }\n}\nprocess.on('SIGTERM', shutdown)\nprocess.on('SIGINT', shutdown)",
    },
  },
  run() {
    return { changes: [] }
  },
})
