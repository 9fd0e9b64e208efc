#!/usr/bin/env node
// `npm run demo`: copies the bundled example API to a fresh temporary git repository and shows
// what prod-fix would change in it. The copy is left in place for the next command.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const EXAMPLE = join(ROOT, 'examples', 'medspa-api')
const CLI = join(ROOT, 'bin', 'prod-fix.js')

// A fixed identity, so the commit works on machines without a global git configuration.
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'prod-fix demo',
  GIT_AUTHOR_EMAIL: 'demo@prod-fix.invalid',
  GIT_COMMITTER_NAME: 'prod-fix demo',
  GIT_COMMITTER_EMAIL: 'demo@prod-fix.invalid',
}

/** Runs git in `cwd`; exits with one clear line when git is missing or fails. */
function git(cwd, args) {
  // Hooks and signing from the user's global configuration have no business in a throwaway repository.
  const result = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8' })
  if (result.error) fail(`could not run git (${result.error.message}); the demo needs git on the PATH`)
  if (result.status !== 0) fail(`git ${args.join(' ')} failed: ${result.stderr.trim()}`)
}

function fail(message) {
  process.stderr.write(`demo: ${message}\n`)
  process.exit(2)
}

const repo = join(mkdtempSync(join(tmpdir(), 'prod-fix-demo-')), basename(EXAMPLE))
// Dependencies or build output someone produced inside the example are not part of it.
cpSync(EXAMPLE, repo, { recursive: true, filter: (source) => !/(?:^|[\\/])(?:node_modules|dist)(?:[\\/]|$)/.test(relative(EXAMPLE, source)) })
git(repo, ['-c', 'init.defaultBranch=main', 'init', '--quiet'])
git(repo, ['add', '--all'])
git(repo, ['commit', '--quiet', '--message', 'medspa-api as audited'])

process.stdout.write(`Copied examples/medspa-api to ${repo} and committed it; running prod-fix --dry-run on it.\n\n`)
const run = spawnSync(process.execPath, [CLI, '--dry-run', repo], { stdio: 'inherit' })
if (run.error) fail(`could not start prod-fix: ${run.error.message}`)

const cli = relative(process.cwd(), CLI) || CLI
process.stdout.write(
  [
    '',
    `The copy stays at ${repo}: a git repository you can change freely.`,
    'Next, review each fix and apply the ones you accept:',
    `  node ${cli} ${repo}`,
    'Or read the machine report:',
    `  node ${cli} --dry-run --json ${repo}`,
    '',
  ].join('\n'),
)
process.exitCode = run.status ?? 2
