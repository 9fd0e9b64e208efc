import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { addBareRemote, createTmpRepo, tmpDir, type TmpRepo } from '../helpers/tmp-repo.js'
import { startFakeGitHub, type FakeGitHub } from '../pr/fake-github.js'

const AUDIT = `# Production audit

## Issues

### 🔴 Prisma error format not optimized for production
**File:** \`src/db.ts\`
The client is built with errorFormat 'pretty'; use a minimal format in production.

### 🟠 No load testing
Run a load test with 50 concurrent users before launch.
`

let repo: TmpRepo | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await github?.close()
  repo?.cleanup()
  delete process.env.GITHUB_TOKEN
})

describe('--pr --audit', () => {
  it("puts the audit's checklist, with what was done for each finding, in the pull request body", async () => {
    github = await startFakeGitHub({ owner: 'acme', repo: 'api', token: 'audit-token' })
    process.env.GITHUB_TOKEN = 'audit-token'
    repo = createTmpRepo({ 'src/db.ts': "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n" })
    const bare = addBareRemote(repo)
    repo.git('remote', 'set-url', 'origin', 'https://github.example/acme/api.git')
    repo.git('config', `url.${bare}.insteadOf`, 'https://github.example/acme/api.git')
    const audit = join(tmpDir(), 'audit.md')
    writeFileSync(audit, AUDIT)
    const run = await runCli(['--yes', '--pr', '--only', 'prisma-error-format', '--audit', audit, '--api-url', github.url, repo.root])
    expect(run.code).toBe(0)
    const body = github.pulls[0]!.body
    expect(body).toContain('### Audit: Production audit')
    expect(body).toMatch(/- \[x\] \*\*Prisma error format not optimized for production\*\* — \w+, fixed \(`prisma-error-format`\)/)
    expect(body).toMatch(/- \[ \] \*\*No load testing\*\* — \w+, manual/)
  })
})
