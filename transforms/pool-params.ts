import { defineTransform } from '../src/define-transform.js'

export default defineTransform({
  meta: {
    id: 'pool-params',
    title: 'Add connection pool limits to DATABASE_URL',
    severity: 'critical',
    audit: { ref: 'pool-params', finding: 'No connection pool limits on DATABASE_URL' },
    description:
      'Without connection_limit, pool_timeout and connect_timeout, Prisma opens num_cpus*2+1 connections per instance and waits forever for one; under load the database runs out of connections. Adds the missing parameters to PostgreSQL/MySQL URLs in env files, docker-compose and schema.prisma, keeping everything else as written.',
    files: ['**/.env', '**/.env.*', '**/*.env', '**/docker-compose*.{yml,yaml}', '**/compose*.{yml,yaml}', '**/*.prisma'],
    contains: ['postgres', 'mysql'],
    example: {
      file: '.env',
      before: 'DATABASE_URL="postgresql://app@db:5432/app?schema=public"',
      after: 'DATABASE_URL="postgresql://app@db:5432/app?schema=public&connection_limit=10&pool_timeout=20&connect_timeout=15"',
    },
  },
  run() {
    return { changes: [] }
  },
})
