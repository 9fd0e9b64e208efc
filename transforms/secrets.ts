import { posix } from 'node:path'
import { defineTransform } from '../src/define-transform.js'
import { mask } from '../src/secrets/redact.js'
import type { FileChange, Finding, TransformContext } from '../src/types.js'
import { IgnoreRules } from './lib/env/gitignore.js'
import { exampleFor } from './lib/secrets/example.js'
import { NOT_SCANNED, scanFile, secretFileKind } from './lib/secrets/scan.js'

export default defineTransform({
  meta: {
    id: 'secrets',
    title: 'Stop tracking committed secrets and document them in .env.example',
    severity: 'critical',
    audit: { ref: 'secrets', finding: 'Exposed credentials committed to version control' },
    description:
      'Detects passwords, keys and tokens committed to git (known token formats, credentials in URLs, values under secret-like names that are not placeholders) without ever printing them. Creates or completes .env.example with placeholders and stops tracking the secret env file once .gitignore covers it; each secret becomes a finding to rotate it and move it to a secret manager.',
    files: ['**/.env', '**/.env.*', '**/*.env', '**/*.{yaml,yml,json,toml,ts,tsx,js,jsx,mjs,cjs,mts,cts}'],
    exclude: NOT_SCANNED,
    // Every detector needs one of these: a secret-like name, a URL, or a known token's prefix.
    contains: [
      ...['secret', 'pass', 'pwd', 'token', 'key', 'credential', 'salt'].flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]),
      '://', 'AKIA', 'ASIA', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'glpat-', 'sk_', 'rk_', 'whsec_', 'xox', 'AIza', 'GOCSPX-', 'SG.', 'sk-', 'SK', 'npm_', 'shp', 'eyJ',
    ],
    example: {
      file: '.env',
      before: 'DATABASE_URL=postgresql://app:s3cr3t@db/app',
      after: '(git rm --cached .env) + .env.example: DATABASE_URL=postgresql://USER:PASSWORD@HOST/DATABASE',
    },
  },
  // Most files of a tree pass the prefilter ('key', 'token', '://'): each is scanned while the
  // engine's one pass holds its text, and only its hits are kept.
  scan(path, text) {
    const kind = secretFileKind(path)
    const hits = kind ? scanFile(path, text, kind) : []
    return hits.length > 0 ? { kind: kind!, hits } : undefined
  },
  run(ctx) {
    const changes: FileChange[] = []
    const findings: Finding[] = []
    const notes: Finding[] = []
    const examples = new Map<string, string | undefined>()
    const ignores = new IgnoreRules(new Map(ctx.glob(['**/.gitignore']).map((path) => [path, ctx.read(path) ?? ''])))

    for (const path of ctx.candidates()) {
      const { kind, hits } = ctx.scanned(path)!
      if (!ctx.isTracked(path)) {
        notes.push({ path, line: hits[0]!.line, message: `${hits.length} secret value(s) in ${path}, which git does not track: nothing was committed` })
        continue
      }
      for (const hit of hits) {
        const what = hit.key ? `${hit.key} (${hit.kind}, ${mask(hit.value)})` : `a ${hit.kind} (${mask(hit.value)})`
        findings.push({ path, line: hit.line, message: `${what} is committed to git: rotate it (the value stays in git history even once the file is gone) and keep it in a secret manager, not in the repository` })
      }
      if (kind !== 'env') continue
      const text = ctx.read(path)!

      // Before: .env tracked, with real values; no .env.example
      // After:  .env.example with the same keys and placeholders; .env kept on disk, no longer tracked
      const examplePath = exampleOf(ctx, path)
      const current = examples.has(examplePath) ? examples.get(examplePath) : ctx.read(examplePath)
      const example = exampleFor(path, text, current)
      if (example !== undefined) {
        examples.set(examplePath, example)
        changes.push({ path: examplePath, before: ctx.read(examplePath) ?? null, after: example, reason: `document the keys of ${path} with placeholder values` })
        if (ignores.ignores(examplePath)) findings.push({ path: examplePath, line: 1, severity: 'medium', message: `${examplePath} is ignored by .gitignore, so it cannot be committed: add \`!${posix.basename(examplePath)}\` after the rule that ignores it` })
      }
      if (ignores.ignores(path)) {
        changes.push({ path, before: text, after: text, untrack: true, reason: `stop tracking ${path} (git rm --cached); the file stays on disk` })
      } else {
        findings.push({ path, line: 1, message: `${path} is not covered by .gitignore: add it, then run \`git rm --cached ${path}\`` })
      }
    }
    return { changes, findings, notes }
  },
})

/** The template documenting an env file: `.env.production.example` when it exists, else the folder's example (created as `.env.example`). */
function exampleOf(ctx: TransformContext, path: string): string {
  const dir = posix.dirname(path) === '.' ? '' : `${posix.dirname(path)}/`
  const name = posix.basename(path)
  const own = ['example', 'sample', 'template'].map((suffix) => `${dir}${name}.${suffix}`).find((candidate) => ctx.read(candidate) !== undefined)
  if (own) return own
  const shared = ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env'].map((candidate) => `${dir}${candidate}`)
  return shared.find((candidate) => ctx.read(candidate) !== undefined) ?? `${dir}.env.example`
}
