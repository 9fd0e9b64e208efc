#!/usr/bin/env node
// `npm run bench`: times `prod-fix --dry-run --json` over a synthetic (or given) tree, side by
// side with ripgrep (the floor: reading every file once), and jscodeshift and ast-grep running the
// console→logger rule alone. Prints the median of --runs runs after one warm-up run each.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generateRepository } from './generate.js'

const ROOT = resolve(import.meta.dirname, '..')
const GNU_TIME = '/usr/bin/time'
const TOOLS = ['rg', 'jscodeshift', 'ast-grep']
const USAGE = `Usage: npm run bench -- [--files N] [--density D] [--seed S] [--runs R] [--dir PATH] [--skip rg,jscodeshift,ast-grep] [--keep] [--json]
  --files N     size of the synthetic repository (default 5000)
  --density D   share of source files holding console calls, route handlers, Prisma clients (default 0.05)
  --seed S      generator seed (default 1)
  --runs R      timed runs per tool after one warm-up run (default 5)
  --dir PATH    time an existing directory instead of generating one
  --skip LIST   tools to leave out: rg, jscodeshift, ast-grep
  --keep        keep the generated tree
  --json        print the results as JSON`

function fail(message, { usage = true } = {}) {
  process.stderr.write(`bench: ${message}\n${usage ? `${USAGE}\n` : ''}`)
  process.exit(2)
}

function numberOption(values, name, { integer, min, max }) {
  const value = Number(values[name])
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) fail(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${values[name]}"`)
  return value
}

function readOptions() {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        files: { type: 'string', default: '5000' },
        density: { type: 'string', default: '0.05' },
        seed: { type: 'string', default: '1' },
        runs: { type: 'string', default: '5' },
        dir: { type: 'string' },
        skip: { type: 'string', default: '' },
        keep: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    fail(error.message)
  }
  const { values } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const skip = new Set(values.skip.split(',').filter(Boolean))
  for (const tool of skip) if (!TOOLS.includes(tool)) fail(`--skip takes ${TOOLS.join(', ')}, got "${tool}"`)
  if (values.dir && !(existsSync(values.dir) && statSync(values.dir).isDirectory())) fail(`--dir ${values.dir} is not a directory`)
  return {
    files: numberOption(values, 'files', { integer: true, min: 10, max: 1_000_000 }),
    density: numberOption(values, 'density', { integer: false, min: 0, max: 1 }),
    seed: numberOption(values, 'seed', { integer: true, min: 0, max: 2 ** 32 - 1 }),
    runs: numberOption(values, 'runs', { integer: true, min: 1, max: 100 }),
    dir: values.dir && resolve(values.dir),
    skip,
    keep: values.keep,
    json: values.json,
  }
}

/** Runs a command once; wall time from spawn to exit, peak RSS from GNU time (or the line bench/rss.js prints). */
function timeOnce(command, args, { cwd, captureStdout }) {
  const useTime = existsSync(GNU_TIME)
  const [file, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args]
  const started = process.hrtime.bigint()
  const result = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`)
  // Ctrl-C reaches the child first; stop here so the generated tree is removed.
  if (result.signal === 'SIGINT' || result.status === 130 || /terminated by signal 2\b/.test(result.stderr)) throw new Error('interrupted')
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)
  const cpu = ['User', 'System'].map((kind) => new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr))
  const cpuMs = cpu.every(Boolean) ? (Number(cpu[0][1]) + Number(cpu[1][1])) * 1000 : undefined
  return { ms, cpuMs, rssKb: rss ? Number(rss[1]) : undefined, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr }
}

/** One warm-up run, then `runs` timed runs: median and minimum wall time, peak RSS over all runs. */
function bench(name, command, args, { runs, cwd, captureStdout = false, ok = (r) => r.status === 0 }) {
  const samples = []
  let last
  for (let i = 0; i <= runs; i++) {
    last = timeOnce(command, args, { cwd, captureStdout })
    if (!ok(last)) throw new Error(`${name} exited with ${last.status}:\n${last.stderr.trim().slice(0, 2000)}`)
    if (i > 0) samples.push(last)
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const times = samples.map((s) => s.ms)
  const cpu = samples.map((s) => s.cpuMs).filter((ms) => ms !== undefined)
  const rss = samples.map((s) => s.rssKb).filter((kb) => kb !== undefined)
  return { name, medianMs: median(times), minMs: Math.min(...times), cpuMs: cpu.length ? median(cpu) : undefined, peakRssKb: rss.length ? Math.max(...rss) : undefined, last }
}

function hasCommand(command) {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0
}

/** Files a tool would consider: git's index plus untracked-but-not-ignored files, else a walk. */
function countFiles(dir) {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 })
  if (git.status === 0) return git.stdout.split('\0').filter(Boolean).length
  let count = 0
  const visit = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue
      if (entry.isDirectory()) visit(join(current, entry.name))
      else if (entry.isFile()) count++
    }
  }
  visit(dir)
  return count
}

function prepareTree(options) {
  if (options.dir) return { dir: options.dir, generated: undefined }
  const dir = mkdtempSync(join(tmpdir(), 'prod-fix-bench-'))
  const generated = generateRepository(dir, options)
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@prod-fix.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@prod-fix.invalid' }
  for (const args of [['init', '--quiet'], ['add', '--all'], ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', 'commit', '--quiet', '--message', 'synthetic']]) {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' })
    if (result.status !== 0) fail(`git ${args[0]} failed in ${dir}: ${result.stderr.trim()}`, { usage: false })
  }
  return { dir, generated }
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
const mib = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MiB`)

function main() {
  const options = readOptions()
  const cli = join(ROOT, 'bin', 'prod-fix.js')
  if (!existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) fail('prod-fix is not built: run `npm run build` first (npm run bench does)', { usage: false })
  const { dir, generated } = prepareTree(options)
  try {
    const files = countFiles(dir)
    // Without GNU time, the CLI runs inside a wrapper that reports its own peak RSS.
    const prodFixEntry = existsSync(GNU_TIME) ? cli : join(ROOT, 'bench', 'rss.js')
    const results = []
    const prodFix = bench('prod-fix --dry-run --json', process.execPath, [prodFixEntry, '--dry-run', '--json', dir], { runs: options.runs, cwd: ROOT, captureStdout: true })
    const report = JSON.parse(prodFix.last.stdout)
    results.push(prodFix)
    // The like-for-like comparison with jscodeshift below: the console rule alone.
    results.push(bench('prod-fix --only console-logger', process.execPath, [prodFixEntry, '--dry-run', '--json', '--only', 'console-logger', dir], { runs: options.runs, cwd: ROOT, captureStdout: true }))
    if (!options.skip.has('rg') && hasCommand('rg')) {
      // rg exits 1 when nothing matches: still a complete scan.
      results.push(bench('rg -c -j1 (floor)', 'rg', ['-c', 'console\\.|PrismaClient', '-j1', dir], { runs: options.runs, cwd: ROOT, ok: (r) => r.status === 0 || r.status === 1 }))
    }
    if (!options.skip.has('jscodeshift')) {
      const jscodeshift = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js')
      const args = [jscodeshift, '--dry', '--silent', '--extensions=ts,tsx,js,jsx,mjs,cjs', '--ignore-pattern=**/node_modules/**', '-t', join(ROOT, 'bench', 'console-to-logger.js'), dir]
      if (existsSync(jscodeshift)) results.push(bench('jscodeshift --dry (console rule only)', process.execPath, args, { runs: options.runs, cwd: ROOT }))
    }
    const astGrep = [join(ROOT, 'node_modules', '.bin', 'ast-grep'), 'ast-grep'].find(hasCommand)
    if (!options.skip.has('ast-grep') && astGrep) {
      // The same rule as a dry run: matches and their rewrites printed as JSON, nothing written.
      results.push(bench('ast-grep scan (console rule only)', astGrep, ['scan', '--rule', join(ROOT, 'bench', 'console-to-logger.yml'), '--json=stream', dir], { runs: options.runs, cwd: ROOT }))
    }
    const rg = results.find((r) => r.name.startsWith('rg'))
    const summary = {
      date: new Date().toISOString(),
      // Other work on the machine skews wall times: the load average says how much there was.
      machine: { cpus: cpus().length, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${platform()} ${arch()}`, loadAverage: loadavg().map((load) => +load.toFixed(2)) },
      tree: { dir, files, ...(generated ? { generated: { files: options.files, density: options.density, seed: options.seed, counts: generated.counts } } : {}) },
      runs: options.runs,
      prodFix: { fixes: report.summary.fixes, findings: report.summary.findings, errors: report.summary.errors, filesScanned: report.summary.files_scanned },
      results: results.map((r) => ({
        tool: r.name,
        medianMs: Math.round(r.medianMs),
        minMs: Math.round(r.minMs),
        cpuMs: r.cpuMs === undefined ? null : Math.round(r.cpuMs),
        filesPerSecond: Math.round(files / (r.medianMs / 1000)),
        peakRssKb: r.peakRssKb ?? null,
        vsRipgrep: rg ? +(r.medianMs / rg.medianMs).toFixed(2) : null,
      })),
      targets: targets(results),
    }
    if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    else print(summary)
  } finally {
    if (generated && !options.keep) rmSync(dir, { recursive: true, force: true })
    else if (generated) process.stderr.write(`kept the generated tree at ${dir}\n`)
  }
}

/** Issue 9's targets, from the medians of this run: each ratio, its target and whether it is met. */
function targets(results) {
  const median = (prefix) => results.find((r) => r.name.startsWith(prefix))?.medianMs
  const [all, consoleRule, rg, jscodeshift, astGrep] = ['prod-fix --dry-run', 'prod-fix --only', 'rg ', 'jscodeshift', 'ast-grep'].map(median)
  const peak = results.find((r) => r.name.startsWith('prod-fix --dry-run'))?.peakRssKb
  const ratio = (a, b) => (a === undefined || b === undefined ? undefined : +(a / b).toFixed(2))
  return [
    { target: 'every transform within 5× of ripgrep (stretch 3×)', value: ratio(all, rg), unit: '× rg', met: (v) => v <= 5 },
    { target: 'console rule at least 20× faster than jscodeshift', value: ratio(jscodeshift, consoleRule), unit: '× faster', met: (v) => v >= 20 },
    { target: 'console rule faster than ast-grep', value: ratio(astGrep, consoleRule), unit: '× faster', met: (v) => v > 1 },
    { target: 'every transform faster than ast-grep running the console rule', value: ratio(astGrep, all), unit: '× faster', met: (v) => v > 1 },
    { target: 'peak RSS under 200 MiB', value: peak === undefined ? undefined : Math.round(peak / 1024), unit: 'MiB', met: (v) => v < 200 },
  ]
    .filter((t) => t.value !== undefined)
    .map((t) => ({ target: t.target, value: t.value, unit: t.unit, met: t.met(t.value) }))
}

function print(summary) {
  const { machine, tree, prodFix } = summary
  const lines = [
    `machine: ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage.join(' ')}`,
    `tree:    ${tree.dir} — ${tree.files.toLocaleString('en')} files${tree.generated ? ` (generated: density ${tree.generated.density}, seed ${tree.generated.seed})` : ''}`,
    `prod-fix proposed ${prodFix.fixes} fixes and ${prodFix.findings} findings, ${prodFix.errors} errors, over ${prodFix.filesScanned} files scanned`,
    `median of ${summary.runs} runs after a warm-up run:`,
    '',
    `${'tool'.padEnd(40)}${'median'.padStart(10)}${'min'.padStart(10)}${'cpu'.padStart(10)}${'files/s'.padStart(10)}${'peak RSS'.padStart(11)}${'× rg'.padStart(10)}`,
    ...summary.results.map(
      (r) =>
        `${r.tool.padEnd(40)}${seconds(r.medianMs).padStart(10)}${seconds(r.minMs).padStart(10)}${(r.cpuMs === null ? 'n/a' : seconds(r.cpuMs)).padStart(10)}${r.filesPerSecond.toLocaleString('en').padStart(10)}${mib(r.peakRssKb ?? undefined).padStart(11)}${(r.vsRipgrep === null ? '' : `${r.vsRipgrep}×`).padStart(10)}`,
    ),
    '',
    'median: wall time of the whole process; cpu: user + system time (median), less sensitive to other load.',
    '',
    'targets (issue 9):',
    ...summary.targets.map((t) => `  ${t.met ? 'met    ' : 'not met'}  ${t.target}: ${t.value} ${t.unit}`),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

try {
  main()
} catch (error) {
  fail(error.message, { usage: false })
}
