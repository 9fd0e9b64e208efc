import { defineTransform } from '../src/define-transform.js'
import type { FileChange, Finding, TransformContext } from '../src/types.js'
import { editCloudbuild } from './lib/cloudbuild/cloudbuild-file.js'
import type { DeployFacts } from './lib/cloudbuild/deploy-flags.js'
import { looksLikeFrontend, readRepoFacts } from './lib/cloudbuild/facts.js'
import { editWorkflow } from './lib/cloudbuild/github-actions.js'

export default defineTransform({
  meta: {
    id: 'cloudbuild-cloudrun',
    title: 'Configure the Cloud Run deploy for Cloud SQL, secrets and scaling',
    severity: 'critical',
    audit: { ref: 'cloudbuild-cloudrun', finding: 'Missing Cloud SQL configuration in cloudbuild.yaml' },
    description:
      'A Cloud Run deploy without --add-cloudsql-instances reaches the database over a public IP; secrets passed with --set-env-vars are readable in the service config; no min instances means cold starts. Adds each missing flag to gcloud run deploy steps (cloudbuild.yaml, GitHub Actions), keeping comments and layout.',
    files: ['**/cloudbuild*.{yaml,yml}', '**/cloud-build*.{yaml,yml}', '**/{cloudbuild,.cloudbuild}/*.{yaml,yml}', '.github/workflows/*.{yaml,yml}'],
    // A deploy runs gcloud (named, or the default entrypoint of the Cloud SDK images) or Google's deploy-cloudrun action;
    // 'run' and 'deploy' alone matched every workflow, each then parsed as YAML for nothing.
    contains: ['gcloud', 'cloud-sdk', 'google-cloud-cli', 'deploy-cloudrun'],
    options: { instance: '', minInstances: 1, timeout: 60, concurrency: 80 },
    example: {
      file: 'cloudbuild.yaml',
      before: "args: ['run', 'deploy', 'api', '--image', '$_IMAGE', '--set-env-vars', 'NODE_ENV=production']",
      after: "args: ['run', 'deploy', 'api', '--image', '$_IMAGE', '--set-env-vars', 'NODE_ENV=production', '--add-cloudsql-instances', '${_CLOUDSQL_INSTANCE}', '--set-secrets', 'DATABASE_URL=database-url:latest', '--min-instances', '1', '--timeout', '60', '--concurrency', '80']",
    },
  },
  run(ctx) {
    const changes: FileChange[] = []
    const findings: Finding[] = []
    const notes: Finding[] = []
    const errors: Array<{ path: string; message: string }> = []
    const candidates = ctx.candidates()
    if (candidates.length === 0) return { changes }
    const repo = readRepoFacts(ctx)
    const configured = stringOption(ctx, 'instance') ?? repo.instance
    const factsFor = (service: string | undefined, instance: string): DeployFacts => {
      const database = repo.database && !looksLikeFrontend(service) ? repo.database : undefined
      return {
        databaseEnv: database?.env,
        cloudSql: database?.cloudSql ?? false,
        instance,
        websockets: repo.websockets,
        minInstances: numberOption(ctx, 'minInstances', 1),
        timeout: numberOption(ctx, 'timeout', 60),
        concurrency: numberOption(ctx, 'concurrency', 80),
      }
    }
    for (const path of candidates) {
      const text = ctx.read(path)
      if (text === undefined) continue
      const edited = path.startsWith('.github/workflows/') ? editWorkflow(path, text, factsFor, configured) : editCloudbuild(path, text, factsFor, configured)
      findings.push(...edited.findings)
      notes.push(...edited.notes)
      errors.push(...edited.errors)
      if (edited.after !== undefined) {
        if (repo.database?.why) notes.push({ path, line: 1, message: `no --add-cloudsql-instances: ${repo.database.why}` })
        changes.push({ path, before: text, after: edited.after, reason: 'add the missing Cloud Run deploy flags (Cloud SQL, secrets, scaling)' })
      }
    }
    return { changes, findings, notes, errors }
  },
})

function stringOption(ctx: TransformContext, key: string): string | undefined {
  const value = ctx.options[key]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function numberOption(ctx: TransformContext, key: string, fallback: number): number {
  const value = ctx.options[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
