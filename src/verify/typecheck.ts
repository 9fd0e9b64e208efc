import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'

/** How to type-check one repository with its own tools. */
export interface TypeCheckCommand {
  /** What the user would type, for messages ("npm run typecheck", "tsc --noEmit -p tsconfig.json"). */
  label: string
  command: string
  args: string[]
}

/** One compiler diagnostic; compared by file and code + text, never by line (fixes shift lines). */
export interface Diagnostic {
  /** Repo-relative POSIX path; '' for a diagnostic without a file. */
  file: string
  line: number
  code: string
  message: string
}

export type TypeCheckRun = { ok: true; diagnostics: Diagnostic[] } | { ok: false; reason: string }

/** The repository's own type check: its `typecheck` script, else its installed tsc over tsconfig.json; or why there is none. */
export function detectTypeCheck(root: string): { command: TypeCheckCommand; fallback?: TypeCheckCommand } | { unavailable: string } {
  const tscScript = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  if (!existsSync(tscScript)) return { unavailable: 'TypeScript is not installed in its node_modules (run its install first)' }
  const script = typecheckScript(root)
  const direct = existsSync(join(root, 'tsconfig.json'))
    ? { label: 'tsc --noEmit -p tsconfig.json', command: process.execPath, args: [tscScript, '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'] }
    : undefined
  // The script is the project's own definition of "type-checks"; its tsc over tsconfig.json is the fallback when the script cannot run.
  if (script) return { command: { label: `npm run ${script}`, command: npmCommand(), args: ['run', '--silent', script] }, ...(direct ? { fallback: direct } : {}) }
  if (!direct) return { unavailable: 'it has no tsconfig.json at its root and no typecheck script' }
  return { command: direct }
}

function typecheckScript(root: string): string | undefined {
  try {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> }).scripts ?? {}
    return ['typecheck', 'type-check', 'check-types', 'types'].find((name) => typeof scripts[name] === 'string')
  } catch {
    return undefined
  }
}

function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm'
}

/** Runs the check and parses its diagnostics; a run that fails without diagnostics is reported as not usable. */
export function runTypeCheck(root: string, command: TypeCheckCommand, timeoutMs: number): TypeCheckRun {
  const result = spawnSync(command.command, command.args, {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    shell: process.platform === 'win32',
  })
  if (result.error) return { ok: false, reason: `${command.label} could not run: ${(result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `no result within ${Math.round(timeoutMs / 1000)} s` : result.error.message}` }
  const diagnostics = parseDiagnostics(`${result.stdout}\n${result.stderr}`, root)
  if (result.status !== 0 && diagnostics.length === 0) {
    const last = `${result.stderr}\n${result.stdout}`.trim().split('\n').filter(Boolean).pop() ?? `exit code ${result.status}`
    return { ok: false, reason: `${command.label} failed without reporting type errors (${last.slice(0, 200)})` }
  }
  return { ok: true, diagnostics }
}

const PLAIN = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/
const PRETTY = /^(.+?):(\d+):(\d+) - error (TS\d+): (.*)$/
const GLOBAL = /^error (TS\d+): (.*)$/

/** tsc's diagnostics from its output (plain or pretty format), with message chains joined. */
export function parseDiagnostics(output: string, root: string): Diagnostic[] {
  const out: Diagnostic[] = []
  // Message chains are the indented lines right under a diagnostic; a blank line or a code excerpt ends them.
  let chaining = false
  for (const raw of output.split(/\r?\n/)) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '')
    const match = PLAIN.exec(line) ?? PRETTY.exec(line)
    const global = match ? null : GLOBAL.exec(line)
    if (match) out.push({ file: normalizeFile(root, match[1]), line: Number(match[2]), code: match[4], message: match[5].trim() })
    else if (global) out.push({ file: '', line: 0, code: global[1], message: global[2].trim() })
    else if (chaining && /^\s{2,}\S/.test(line)) out.at(-1)!.message += ` ${line.trim()}`
    chaining = Boolean(match || global || (chaining && /^\s{2,}\S/.test(line)))
  }
  return out
}

function normalizeFile(root: string, file: string): string {
  return relative(root, resolve(root, file.trim())).split(sep).join('/')
}

/** Diagnostics in `after` that `before` did not have, per file (a multiset difference on code + text). */
export function newDiagnostics(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, number>()
  const key = (d: Diagnostic): string => `${d.file}\u0000${d.code}\u0000${d.message}`
  for (const d of before) seen.set(key(d), (seen.get(key(d)) ?? 0) + 1)
  return after.filter((d) => {
    const left = seen.get(key(d)) ?? 0
    if (left === 0) return true
    seen.set(key(d), left - 1)
    return false
  })
}

/** "src/a.ts:3 TS2304 Cannot find name 'x'." */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file ? `${d.file}:${d.line} ` : ''}${d.code} ${d.message}`
}
