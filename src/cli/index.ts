import { Command, CommanderError, Option } from 'commander'
import { transforms } from '../../transforms/index.js'
import { isUserError } from '../errors.js'
import { VERSION } from '../version.js'
import { setColor } from './colors.js'
import { ExitCode } from './exit-code.js'
import { processIo, type Io } from './io.js'
import { renderList } from './list.js'
import { normalizeOptions, type RawOptions } from './options.js'
import { runRepository } from './run.js'
import { addBatchCommand } from '../batch/cli.js'
import { addWorkflowOptions } from '../workflow/cli.js'
import { addTraceOptions } from '../report/trace.js'

/** The CLI entry: parses argv, runs, and returns the exit code. The only place errors become exit codes. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = ExitCode.Success
  let debug = argv.includes('--debug')
  const program = new Command('prod-fix')
    .description('Apply the fixes production-readiness audits ask for, as reviewable changes.')
    .version(VERSION, '-V, --version')
    .argument('[path]', 'repository to fix', '.')
    .option('--dry-run', 'show the fixes as diffs and a summary; write nothing')
    .option('--check', 'exit 1 when any fix is pending, 0 when none; print only a count')
    .option('--json', 'print the machine report on stdout, and nothing else')
    .option('-y, --yes', 'accept every fix without prompting')
    .option('--no-branch', 'apply to the working tree instead of a new git branch')
    .option('--only <ids>', 'run only these transforms (comma-separated ids)')
    .option('--skip <ids>', 'skip these transforms (comma-separated ids)')
    .option('--config <file>', 'configuration file (default: prod-fix.config.json or "prodFix" in package.json)')
    .option('--max-file-size <bytes>', 'skip files larger than this (default 1048576)')
    .option('--verbose', 'also list the places left alone on purpose, and why')
    .option('--no-color', 'plain output without colours')
    .addOption(new Option('--debug', 'show stack traces of errors'))
    .showHelpAfterError('(run prod-fix --help for usage)')
    // Options after a subcommand belong to it: `prod-fix batch list.txt --yes`.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .action(async (path: string, raw: RawOptions) => {
      debug = raw.debug ?? false
      if (raw.color === false || raw.json) setColor(false)
      code = await runRepository(normalizeOptions(path, raw, transforms), raw, io)
    })
  addWorkflowOptions(program)
  addTraceOptions(program)

  program
    .command('list')
    .description('list the transforms with their ids, titles and severities')
    .action(() => {
      io.out(renderList(transforms))
    })
  addBatchCommand(program, transforms, io, (batchCode) => {
    code = batchCode
  })

  try {
    await program.parseAsync(argv)
    return code
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Success : ExitCode.Error
    if (debug) io.err((error as Error).stack ?? String(error))
    else if (isUserError(error)) io.err(`prod-fix: ${error.message}`)
    else io.err(`prod-fix: ${(error as Error).message ?? String(error)}\n(run again with --debug for details)`)
    return ExitCode.Error
  }
}
