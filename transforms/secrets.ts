import { defineTransform } from '../src/define-transform.js'

export default defineTransform({
  meta: {
    id: 'secrets',
    title: 'Stop tracking committed secrets and document them in .env.example',
    severity: 'critical',
    audit: { ref: 'secrets', finding: 'Exposed credentials committed to version control' },
    description:
      'Detects passwords, keys and tokens committed to git (known token formats, credentials in URLs, high-entropy values under secret-like names) without ever printing them. Creates .env.example with placeholders and stops tracking the secret file; each secret becomes a finding to rotate it and move it to a secret manager.',
    files: ['**/.env', '**/.env.*', '**/*.env', '**/*.{yaml,yml,json,ts,js,mjs,cjs}'],
    example: {
      file: '.env',
      before: 'DATABASE_URL=postgresql://app:s3cr3t@db/app',
      after: '(git rm --cached .env) + .env.example: DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DB',
    },
  },
  run() {
    return { changes: [] }
  },
})
