import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { createTmpRepo, type TmpRepo } from '../helpers/tmp-repo.js'

/** Every value planted below; none may appear in any output, whole or in part. */
const SECRETS = {
  dbPassword: 'Vq7r@Lk2Pz9w',
  prodDbPassword: 'Hn4Tx8Rb2Ms6',
  encryptionKey: '8e592bf6ad5e2ad90f850b298272bca55aab884b97f25532bd58c0c510c67c70',
  jwtSecret: 'mQ3vZ8kL1xR7pW4tY9nB',
  stripe: 'sk_live_Q7w2E9r4T1y6U3i8O5p0A2s7',
  aws: 'AKIAQ7W2E9R4T1Y6U3I8',
  github: 'ghp_Q7w2E9r4T1y6U3i8O5p0A2s7D4f1G6h3J8k5',
  openai: 'sk-proj-Q7w2E9r4T1y6U3i8O5p0A2s7D4f1G6h3J8k5L0z9',
  sendgrid: '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',
  yamlPassword: 'Zx8kQ2vB7mN4pL9w',
  cloudbuildPassword: 'Bk5Wn2Qc8Jr4',
}

const REPO: Record<string, string> = {
  'package.json': '{ "name": "leaky", "type": "module", "dependencies": { "@prisma/client": "^5.0.0" } }\n',
  'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
  '.gitignore': 'node_modules\n',
  '.env': [
    '# local and prod mixed up',
    `DATABASE_URL="postgresql://postgres:${SECRETS.dbPassword}@34.171.178.77:5432/app?sslmode=require"`,
    `ENCRYPTION_KEY=${SECRETS.encryptionKey}`,
    `JWT_SECRET=${SECRETS.jwtSecret}`,
    `STRIPE_SECRET_KEY=${SECRETS.stripe}`,
    `AWS_ACCESS_KEY_ID=${SECRETS.aws}`,
    `GITHUB_TOKEN=${SECRETS.github}`,
    '',
  ].join('\n'),
  '.env.production': `DATABASE_URL=postgresql://app:${SECRETS.prodDbPassword}@10.0.0.5:5432/app\nOPENAI_API_KEY=${SECRETS.openai}\n`,
  'src/mail.ts': `export const sendgridKey = '${SECRETS.sendgrid}'\n`,
  'config/app.yaml': `database:\n  password: "${SECRETS.yamlPassword}"\n`,
  'cloudbuild.yaml': [
    'steps:',
    '  - name: gcr.io/cloud-builders/gcloud',
    `    args: ['run', 'deploy', 'api', '--set-env-vars', 'DATABASE_URL=postgresql://app:${SECRETS.cloudbuildPassword}@10.0.0.5/app']`,
    '',
  ].join('\n'),
  'docker-compose.yml': `services:\n  api:\n    environment:\n      DATABASE_URL: postgresql://app:${SECRETS.prodDbPassword}@db:5432/app\n`,
}

/** The secret, or any 6-character piece of it, in the text. */
function leaks(text: string): string[] {
  const found: string[] = []
  for (const [name, value] of Object.entries(SECRETS)) {
    for (let i = 0; i + 6 <= value.length; i++) {
      if (text.includes(value.slice(i, i + 6))) {
        found.push(`${name}: …${value.slice(i, i + 6)}…`)
        break
      }
    }
  }
  return found
}

describe('secret values never appear in the output of a run', () => {
  const repos: TmpRepo[] = []
  afterAll(() => repos.forEach((repo) => repo.cleanup()))
  const fresh = (): TmpRepo => {
    const repo = createTmpRepo(REPO)
    repos.push(repo)
    return repo
  }

  for (const args of [['--dry-run'], ['--dry-run', '--verbose'], ['--dry-run', '--json'], ['--check'], ['--yes', '--no-branch'], ['--yes', '--no-branch', '--json']]) {
    it(`prod-fix ${args.join(' ')}`, async () => {
      const repo = fresh()
      const run = await runCli([...args, repo.root])
      expect(run.stdout.length + run.stderr.length).toBeGreaterThan(0)
      expect(leaks(run.stdout)).toEqual([])
      expect(leaks(run.stderr)).toEqual([])
    })
  }

  it('reports the committed secrets, untracks the env files and writes placeholders only', async () => {
    const repo = fresh()
    const run = await runCli(['--yes', '--no-branch', '--json', repo.root])
    const report = JSON.parse(run.stdout) as { findings: Array<{ transform: string; file: string; line: number; message: string }> }
    const secretFindings = report.findings.filter((f) => f.transform === 'secrets')
    expect(secretFindings.map((f) => `${f.file}:${f.line}`)).toEqual(expect.arrayContaining(['.env:2', '.env:3', '.env:4', '.env:5', '.env:6', '.env:7', '.env.production:1', '.env.production:2', 'src/mail.ts:1', 'config/app.yaml:2', 'cloudbuild.yaml:3', 'docker-compose.yml:4']))
    expect(leaks(repo.read('.env.example'))).toEqual([])
    expect(repo.git('ls-files', '.env', '.env.production')).toBe('')
  })
})
