#!/usr/bin/env node
import module from 'node:module'

// Node 22+ keeps the compiled bundle in its cache directory (under the OS temp dir), so later runs
// skip compiling it; on Node 20 there is no such cache and this does nothing.
module.enableCompileCache?.()
const { main } = await import('../dist/cli/index.js')

process.exitCode = await main(process.argv)
