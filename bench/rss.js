// Runs the built CLI in this process, then prints its peak RSS and CPU time to stderr in GNU
// time's wording, so bench/run.js measures the same way on machines without /usr/bin/time.
import { main } from '../dist/cli/index.js'

process.exitCode = await main(process.argv)
const usage = process.resourceUsage()
process.stderr.write(
  `\nUser time (seconds): ${usage.userCPUTime / 1e6}\nSystem time (seconds): ${usage.systemCPUTime / 1e6}\nMaximum resident set size (kbytes): ${usage.maxRSS}\n`,
)
