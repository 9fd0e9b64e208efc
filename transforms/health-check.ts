import { defineTransform } from '../src/define-transform.js'
import { SCRIPT_FILES } from './lib/globs.js'

export default defineTransform({
  meta: {
    id: 'health-check',
    title: 'Check the database in the readiness probe',
    severity: 'high',
    audit: { ref: 'health-check', finding: 'Health check not testing database connectivity' },
    description:
      "A readiness check that returns true without touching the database keeps sending traffic to an instance whose database is down. Replaces the placeholder with a real query (the project's own check if it has one) and answers 503 when it fails; adds /health/ready beside a liveness-only /health.",
    files: SCRIPT_FILES,
    contains: ['health', 'Health', 'ready', 'Ready'],
    example: {
      file: 'src/routes/health.ts',
      before: 'const dbHealthy = true // TODO: check database',
      after: 'const dbHealthy = await checkDatabaseHealth()',
    },
  },
  run() {
    return { changes: [] }
  },
})
