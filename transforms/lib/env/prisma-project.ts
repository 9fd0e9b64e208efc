import { posix } from 'node:path'
import type { TransformContext } from '../../../src/types.js'
import { datasourceBlocks } from './url-sites.js'

/** What the repository's Prisma setup says about its connection-string variables. */
export interface PrismaSetup {
  /** Whether Prisma is used at all (a schema, or a dependency on prisma / @prisma/client). */
  usesPrisma: boolean
  /** Variables a datasource `url` reads, each with the package directories whose clients read it. */
  pooledVariables: Map<string, Set<string>>
  /** Variables read only as `directUrl` / `shadowDatabaseUrl`: migrations, not the pool. */
  directVariables: Set<string>
  /** Package directories whose Prisma client goes through a driver adapter, with the adapter's name. */
  adapterPackages: Map<string, string>
  /** Directories holding a project manifest, and whether that project uses Prisma. */
  projects: Map<string, 'prisma' | 'other'>
}

/** Files that mark the root of a project in some language: a URL under it is read by that project's client. */
const PROJECT_MARKERS = new Set(['package.json', 'pyproject.toml', 'requirements.txt', 'Pipfile', 'go.mod', 'Gemfile', 'pom.xml', 'build.gradle', 'Cargo.toml', 'composer.json', 'mix.exs', 'deno.json'])

const SCHEMA_FILES = ['**/*.prisma']
const CONFIG_FILES = ['**/prisma.config.{ts,mts,cts,js,mjs,cjs}']
const ENV_CALL = /\benv\(\s*["'`]([\w.-]+)["'`]\s*\)/
const CONFIG_URL = /\b(url|directUrl|shadowDatabaseUrl)\s*:\s*(?:env\(\s*["'`]([\w.-]+)["'`]\s*\)|process\.env\.(\w+)|process\.env\[\s*["'`]([\w.-]+)["'`]\s*\])/g

/** Reads every schema.prisma datasource and prisma.config.* to learn which variables feed a connection pool. */
export function readPrismaSetup(ctx: TransformContext): PrismaSetup {
  const pooledVariables = new Map<string, Set<string>>()
  const directVariables = new Set<string>()
  const prismaPackages = new Set<string>()
  const record = (kind: string, name: string, file: string): void => {
    const pkg = ctx.project.packageOf(file)?.dir ?? ''
    prismaPackages.add(pkg)
    if (kind === 'url') pooledVariables.set(name, new Set([...(pooledVariables.get(name) ?? []), pkg]))
    else directVariables.add(name)
  }
  for (const file of ctx.glob(SCHEMA_FILES)) {
    const text = ctx.read(file)
    if (text === undefined) continue
    for (const block of datasourceBlocks(text)) {
      prismaPackages.add(ctx.project.packageOf(file)?.dir ?? '')
      for (const match of block.body.matchAll(/^[ \t]*(url|directUrl|shadowDatabaseUrl)[ \t]*=[ \t]*(.*)$/gm)) {
        const name = ENV_CALL.exec(match[2]!)?.[1]
        if (name) record(match[1]!, name, file)
      }
    }
  }
  for (const file of ctx.glob(CONFIG_FILES)) {
    const text = ctx.read(file)
    if (text === undefined) continue
    for (const match of text.matchAll(CONFIG_URL)) record(match[1]!, (match[2] ?? match[3] ?? match[4])!, file)
  }
  const packages = ctx.glob(['**/package.json']).map((file) => ({ dir: dirOf(file), deps: dependencies(ctx.read(file)) }))
  const adapterPackages = new Map<string, string>()
  for (const { dir, deps } of packages) {
    const adapter = driverAdapter(deps)
    if (adapter) adapterPackages.set(dir, adapter)
    if ('prisma' in deps || '@prisma/client' in deps) prismaPackages.add(dir)
  }
  const projects = new Map<string, 'prisma' | 'other'>()
  for (const file of ctx.files) if (PROJECT_MARKERS.has(posix.basename(file))) projects.set(dirOf(file), 'other')
  for (const dir of prismaPackages) projects.set(dir, 'prisma')
  return { usesPrisma: prismaPackages.size > 0, pooledVariables, directVariables, adapterPackages, projects }
}

/**
 * Whether a URL in this directory feeds a Prisma client: its nearest project uses Prisma or
 * contains one (a monorepo root). Under another project (a Python or Go service beside the app)
 * the Prisma-only parameters would reach a driver that rejects unknown URL parameters (libpq does).
 */
export function isPrismaScope(setup: PrismaSetup, dir: string): boolean {
  for (let current = dir; ; current = dirOf(current)) {
    const kind = setup.projects.get(current)
    if (kind === 'prisma') return true
    if (kind === 'other') return [...setup.projects].some(([other, k]) => k === 'prisma' && (current === '' || other.startsWith(`${current}/`)))
    if (current === '') return true
  }
}

function dirOf(path: string): string {
  const dir = posix.dirname(path)
  return dir === '.' ? '' : dir
}

/**
 * The variables whose URLs get pool parameters: those a datasource `url` reads, DATABASE_URL
 * when no schema names its variable, plus the configured extras; never a `directUrl`-only one.
 */
export function pooledVariableNames(setup: PrismaSetup, extra: readonly string[]): Set<string> {
  const names = new Set([...setup.pooledVariables.keys(), ...extra])
  if (setup.pooledVariables.size === 0 && !setup.directVariables.has('DATABASE_URL')) names.add('DATABASE_URL')
  return names
}

/**
 * The driver adapter whose client reads this variable, when every Prisma package reading it (or,
 * for an unnamed variable, the package of the file) uses one: adapters take their pool from the
 * driver (`new Pool({ max })`) and ignore the URL's pool parameters.
 */
export function adapterFor(setup: PrismaSetup, variable: string, packageDir: string): string | undefined {
  const readers = [...(setup.pooledVariables.get(variable) ?? [packageDir])]
  const adapters = readers.map((dir) => setup.adapterPackages.get(dir) ?? (dir !== '' ? setup.adapterPackages.get('') : undefined))
  return adapters.every(Boolean) ? adapters[0] : undefined
}

function dependencies(text: string | undefined): Record<string, string> {
  if (text === undefined) return {}
  try {
    const json = JSON.parse(text) as Record<string, unknown>
    return { ...asRecord(json.devDependencies), ...asRecord(json.dependencies) }
  } catch {
    return {}
  }
}

function asRecord(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {}
}

/** `@prisma/adapter-pg`, …; Prisma 7 and later always go through an adapter. */
function driverAdapter(deps: Record<string, string>): string | undefined {
  const adapter = Object.keys(deps).find((name) => name.startsWith('@prisma/adapter-'))
  if (adapter) return adapter
  const version = deps['@prisma/client'] ?? deps.prisma
  const major = version ? Number(/(\d+)/.exec(version)?.[1]) : NaN
  return major >= 7 ? `Prisma ${major}'s driver adapter` : undefined
}
