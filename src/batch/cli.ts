import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { Io } from '../cli/io.js'
import { UsageError } from '../errors.js'
import type { Transform } from '../types.js'
import { addWorkflowOptions, type WorkflowFlags } from '../workflow/cli.js'
import { lineProgress, liveProgress } from './progress.js'
import { renderBatchSummary, summarize } from './render.js'
import { parseRepoList, parseShard, selectShard } from './repo-list.js'
import { selectTransforms } from '../cli/options.js'

interface BatchFlags extends WorkflowFlags {
  yes?: boolean
  json?: boolean
  only?: string
  skip?: string
  branch?: string | boolean
  concurrency?: string
  workdir?: string
  throttle?: string
  shard?: string
  verify?: boolean
}

/** `prod-fix batch <list>`: the same fixes over many repositories; exit 1 when any failed. */
export function addBatchCommand(program: Command, transforms: readonly Transform[], io: Io, setCode: (code: number) => void): void {
  const command = program
    .command('batch <list>')
    .description('run prod-fix over the repositories listed in a file (paths or clone URLs, optional #branch); a dry run unless --yes')
    .option('-y, --yes', 'commit the fixes on a branch in every repository (default: dry run)')
    .option('--json', 'print the machine report on stdout, and nothing else')
    .option('--only <ids>', 'run only these transforms (comma-separated ids)')
    .option('--skip <ids>', 'skip these transforms (comma-separated ids)')
    .option('--concurrency <n>', 'repositories in flight at once (default: the CPU count)')
    .option('--workdir <dir>', 'where clones and the resume state live', '.prod-fix-batch')
    .option('--throttle <seconds>', 'wait at least this long between two pull-request creations', '0')
    .option('--shard <i/n>', 'run only the i-th of n deterministic shards of the list (CI matrix)')
    .option('--no-verify', "commit without the repositories' own type check")
  addWorkflowOptions(command).action(async (list: string, flags: BatchFlags) => {
    const listFile = resolve(list)
    let text
    try {
      text = readFileSync(listFile, 'utf8')
    } catch {
      throw new UsageError(`${list}: cannot read the repository list`)
    }
    let entries = parseRepoList(text, listFile)
    if (flags.shard) entries = selectShard(entries, parseShard(flags.shard))
    const concurrency = flags.concurrency === undefined ? availableParallelism() : Number(flags.concurrency)
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency: expected a positive whole number, got "${flags.concurrency}"`)
    const throttle = Number(flags.throttle)
    if (!(throttle >= 0)) throw new UsageError(`--throttle: expected a number of seconds, got "${flags.throttle}"`)
    const progress = flags.json ? lineProgress(entries.length, () => {}) : process.stderr.isTTY && io.interactive ? liveProgress(entries.length, process.stderr) : lineProgress(entries.length, io.err)
    const { runBatch } = await import('./index.js')
    const results = await runBatch(
      entries,
      {
        workdir: resolve(flags.workdir ?? '.prod-fix-batch'),
        concurrency,
        transforms: selectTransforms(transforms, flags.only, flags.skip),
        dryRun: !flags.yes,
        throttleMs: throttle * 1000,
        workflow: {
          branch: typeof flags.branch === 'string' ? flags.branch : undefined,
          push: flags.push,
          pr: flags.pr,
          remote: flags.remote,
          base: flags.base,
          forge: flags.forge,
          apiUrl: flags.apiUrl,
          draft: flags.draft,
          title: flags.title,
          allowDirty: flags.allowDirty,
          returnToOriginal: flags.return,
          verify: flags.verify !== false,
        },
      },
      progress,
    )
    if (flags.json) io.out(JSON.stringify({ repositories: results, summary: summarize(results) }, null, 2))
    else for (const line of renderBatchSummary(results)) io.out(line)
    setCode(results.some((r) => r.status === 'failed') ? 1 : 0)
  })
}
