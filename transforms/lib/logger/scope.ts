import { posix } from 'node:path'
import picomatch from 'picomatch'
import type { PackageInfo } from '../../../src/engine/project.js'
import type { ParsedFile, TransformContext } from '../../../src/types.js'
import { NON_RUNTIME_FILES } from '../globs.js'
import { isNonRuntimeFile } from '../prisma.js'
import { fileSetOf } from '../sorted-files.js'

const FRONT_END_DEPS = ['react', 'react-dom', 'react-native', 'expo', 'vue', 'svelte', '@angular/core', 'vite', 'solid-js', 'preact', '@remix-run/react']
// Hono is left out: front-ends import it for its typed client (`hc`).
const SERVER_DEPS = ['express', 'fastify', 'koa', '@hono/node-server', '@nestjs/core', '@hapi/hapi', 'restify', 'apollo-server', '@apollo/server', 'socket.io', 'bullmq', 'h3', 'elysia', 'polka']
// @cloudflare/workers-types alone proves nothing: Node servers install it to type calls to Cloudflare's APIs.
const WORKERS_DEPS = ['wrangler']
const LONG_RUNNING_SCRIPT = /(?:^|[:-])(?:start|dev|serve|server|worker|watch|prod|debug)(?:[:-]|$)/i
const RUNNERS = /\b(?:node|tsx|ts-node|ts-node-dev|bun|nodemon|babel-node|esno|vite-node)\s+(?:watch\s+)?(?:-[^\s]+\s+)*([^\s;&|]+\.[cm]?[jt]sx?)/g

/** Dependencies of a package (runtime and dev). */
export function dependenciesOf(pkg: PackageInfo | undefined): Set<string> {
  const names = new Set<string>()
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = pkg?.json[field]
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name)
  }
  return names
}

/** Decides which files are server code the transform may rewrite, with the reason for those it leaves. */
export class ServerScope {
  private readonly nonRuntime = picomatch(NON_RUNTIME_FILES, { dot: true })
  private readonly excluded: picomatch.Matcher | undefined
  private readonly included: picomatch.Matcher | undefined
  private readonly cliFiles = new Map<string, Set<string>>()

  constructor(private readonly ctx: TransformContext, include: readonly string[], exclude: readonly string[]) {
    this.excluded = exclude.length ? picomatch([...exclude], { dot: true }) : undefined
    this.included = include.length ? picomatch([...include], { dot: true }) : undefined
  }

  /** Why the file is left alone before parsing, or undefined when it is a candidate. */
  reasonBeforeParse(path: string): string | undefined {
    if (this.excluded?.(path)) return 'excluded by the exclude option'
    if (this.included?.(path)) return undefined
    if (this.nonRuntime(path) || isNonRuntimeFile(this.ctx, path)) return 'tests, seeds, migrations and scripts keep console output'
    const pkg = this.ctx.project.packageOf(path)
    const deps = dependenciesOf(pkg)
    const dir = pkg?.dir ?? ''
    if ((WORKERS_DEPS.some((d) => deps.has(d)) && !SERVER_DEPS.some((d) => deps.has(d))) || ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'].some((f) => this.fileSet.has(dir ? `${dir}/${f}` : f))) {
      return 'Cloudflare Workers code: console is the Workers logging API'
    }
    if (deps.has('next')) {
      const inPackage = dir ? path.slice(dir.length + 1) : path
      if (!/^(?:src\/)?pages\/api\//.test(inPackage) && !/^(?:src\/)?app\/(?:.*\/)?route\.[cm]?[jt]sx?$/.test(inPackage)) return 'Next.js front-end code'
    } else if (FRONT_END_DEPS.some((d) => deps.has(d)) && !SERVER_DEPS.some((d) => deps.has(d))) {
      return 'front-end package'
    }
    if (this.cliFilesOf(pkg).has(path)) return 'CLI script run from package.json'
    return undefined
  }

  /** Why the parsed file is left alone (shebang, client component, JSX), or undefined. */
  reasonAfterParse(file: ParsedFile, hasJsx: boolean): string | undefined {
    if (this.included?.(file.path)) return undefined
    if (file.text.startsWith('#!')) return 'CLI script (shebang)'
    if (file.ast.program.directives.some((d) => d.value.value === 'use client')) return "front-end code ('use client')"
    if (hasJsx) return 'front-end component (JSX)'
    return undefined
  }

  private get fileSet(): ReadonlySet<string> {
    return fileSetOf(this.ctx.files)
  }

  /** Files that package.json runs as one-off commands (`bin`, scripts other than start/dev). */
  private cliFilesOf(pkg: PackageInfo | undefined): Set<string> {
    const dir = pkg?.dir ?? ''
    const cached = this.cliFiles.get(dir)
    if (cached) return cached
    const files = new Set<string>()
    const servers = new Set<string>()
    const add = (into: Set<string>, relative: string): void => {
      const normalized = posix.normalize(posix.join(dir, relative))
      into.add(normalized)
      // A script may run the compiled file (`dist/cli.js`) of a source file; the source is what prod-fix sees.
      const stem = normalized.replace(/\.[cm]?[jt]sx?$/, '')
      for (const ext of ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs']) into.add(stem + ext)
    }
    const bin = pkg?.json.bin
    if (typeof bin === 'string') add(files, bin)
    else if (bin && typeof bin === 'object') for (const value of Object.values(bin)) if (typeof value === 'string') add(files, value)
    const scripts = pkg?.json.scripts
    if (scripts && typeof scripts === 'object') {
      for (const [name, command] of Object.entries(scripts)) {
        if (typeof command !== 'string') continue
        for (const match of command.matchAll(RUNNERS)) add(LONG_RUNNING_SCRIPT.test(name) ? servers : files, match[1]!)
      }
    }
    // A file one script starts as the server is server code, whatever other scripts do with it.
    for (const file of servers) files.delete(file)
    this.cliFiles.set(dir, files)
    return files
  }
}
