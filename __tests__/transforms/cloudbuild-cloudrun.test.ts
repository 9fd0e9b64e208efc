import { describe, expect, it } from 'vitest'
import transform from '../../transforms/cloudbuild-cloudrun.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

const prisma = {
  'package.json': '{ "dependencies": { "@prisma/client": "5" } }',
  'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
}

describe('cloudbuild-cloudrun inline cases', () => {
  it('uses the configured Cloud SQL instance and raises no instance finding', async () => {
    const tree = { ...prisma, 'cloudbuild.yaml': "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ['run', 'deploy', 'api', '--min-instances', '1', '--timeout', '60', '--concurrency', '80', '--set-secrets', 'DATABASE_URL=db:latest']\n" }
    const plan = await planTree(tree, [transform], { 'cloudbuild-cloudrun': { instance: 'acme:us-east1:main' } })
    expect(plan.fixes.map((f) => f.change.after)).toEqual([
      "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ['run', 'deploy', 'api', '--min-instances', '1', '--timeout', '60', '--concurrency', '80', '--set-secrets', 'DATABASE_URL=db:latest', '--add-cloudsql-instances', 'acme:us-east1:main']\n",
    ])
    expect(plan.findings).toEqual([])
  })

  it('keeps CRLF line endings in block lists', async () => {
    const text = 'steps:\r\n  - name: gcr.io/cloud-builders/gcloud\r\n    args:\r\n      - run\r\n      - deploy\r\n      - web\r\n'
    const [fix] = (await planTree({ 'cloudbuild.yaml': text }, [transform])).fixes
    expect(fix!.change.after).toBe('steps:\r\n  - name: gcr.io/cloud-builders/gcloud\r\n    args:\r\n      - run\r\n      - deploy\r\n      - web\r\n      - --min-instances\r\n      - \'1\'\r\n      - --timeout\r\n      - \'60\'\r\n      - --concurrency\r\n      - \'80\'\r\n')
  })

  it('does not wire the database into a front-end service deployed beside the API', async () => {
    const tree = { ...prisma, 'cloudbuild.yaml': "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ['run', 'deploy', 'web-frontend', '--min-instances', '1', '--timeout', '60', '--concurrency', '80']\n" }
    expect((await planTree(tree, [transform])).fixes).toEqual([])
  })

  it('leaves a hosted (non Cloud SQL) database without --add-cloudsql-instances', async () => {
    const tree = { ...prisma, '.env.example': 'DATABASE_URL=postgresql://u:p@ep-x.us-east-2.aws.neon.tech/db\n', 'cloudbuild.yaml': "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ['run', 'deploy', 'api', '--set-secrets=DATABASE_URL=db:latest', '--min-instances=1', '--timeout=60', '--concurrency=80']\n" }
    expect((await planTree(tree, [transform])).fixes).toEqual([])
  })

  it('treats a database URL on a domain of its own as not Cloud SQL', async () => {
    const tree = { ...prisma, 'k8s/kustomization.yaml': 'secretGenerator:\n  - literals:\n      - DATABASE_URL=postgresql://app:PASSWORD@db.acme.io:5432/app\n', 'cloudbuild.yaml': "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: ['run', 'deploy', 'api', '--set-secrets=DATABASE_URL=db:latest', '--min-instances=1', '--timeout=60', '--concurrency=80']\n" }
    expect((await planTree(tree, [transform])).fixes).toEqual([])
  })

  it('leaves concurrency alone when the CPU is chosen at deploy time', async () => {
    const text = 'steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy, web, --cpu, $_CPU, --min-instances, "1", --timeout, "60"]\n'
    const plan = await planTree({ 'cloudbuild.yaml': text }, [transform])
    expect(plan.fixes).toEqual([])
    expect(plan.notes.map((n) => n.message)).toEqual([expect.stringContaining('left --concurrency unset: --cpu $_CPU is set at deploy time')])
  })

  it('quotes a substitution added to a plain flow list, where braces would end the list', async () => {
    const tree = { ...prisma, 'cloudbuild.yaml': 'steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: [run, deploy, api, --set-secrets, DATABASE_URL=db:latest, --min-instances, "1", --timeout, "60", --concurrency, "80"]\n' }
    const [fix] = (await planTree(tree, [transform])).fixes
    expect(fix!.change.after).toContain(`--concurrency, "80", --add-cloudsql-instances, '\${_CLOUDSQL_INSTANCE}']`)
  })
})
