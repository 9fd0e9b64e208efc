import { posix } from 'node:path'
import picomatch from 'picomatch'
import type { TransformContext } from '../../../src/types.js'
import { resolveImport, specifiersIn } from '../imports.js'
import { isNonRuntimeFile } from '../prisma.js'
import { fileSetOf } from '../sorted-files.js'

/** package.json scripts that run the app itself (`start`, `dev`, `test:api-start`); a file they name is runtime code. */
const RUNTIME_SCRIPT = /start|dev|serve|prod|watch|debug|preview/i
const SCRIPT_PATH = /(?:^|[\s'"=])((?:\.\/)?[\w@./-]+\.(?:[cm]?[jt]s|tsx?))(?=$|[\s'";&|])/g

/** Decides, per file, whether a second PrismaClient there is intended (seed, test, script, generated code). */
export class FileClassifier {
  private readonly ignored: (path: string) => boolean
  /** Per package dir: file named by a non-runtime script → the script's name. */
  private readonly scriptFiles = new Map<string, Map<string, string>>()
  private readonly exists: (path: string) => boolean

  constructor(private readonly ctx: TransformContext, extraIgnores: readonly string[]) {
    this.ignored = extraIgnores.length > 0 ? picomatch([...extraIgnores], { dot: true }) : () => false
    const files = fileSetOf(ctx.files)
    this.exists = (path) => files.has(path)
  }

  /** Why a client in this file is left alone, or undefined when it is runtime code. */
  leftAloneReason(path: string): string | undefined {
    const text = this.ctx.read(path) ?? ''
    if (/(?:^|\/)(?:generated|node_modules|dist|build|coverage)\//.test(path) || /^\s*(?:\/\/|\/\*)[^\n]*(?:@generated|auto-?generated|do not edit)/i.test(text)) {
      return 'generated code: left alone'
    }
    if (this.ignored(path)) return 'matches the ignore option of prisma-singleton'
    const script = this.scriptNaming(path)
    if (script) return `run by the package.json script "${script}": a one-off script may keep its own client`
    if (isNonRuntimeFile(this.ctx, path) && !this.importedByRuntimeCode(path)) {
      return 'a seed, migration, test or script: a separate client is intended there'
    }
    return undefined
  }

  /** The non-runtime package.json script that names this file (`"seed": "tsx src/utils/seed.ts"`, `prisma.seed`). */
  private scriptNaming(path: string): string | undefined {
    const pkg = this.ctx.project.packageOf(path)
    if (!pkg) return undefined
    if (!this.scriptFiles.has(pkg.dir)) {
      const named = new Map<string, string>()
      const runtime = new Set<string>()
      const scripts = { ...(pkg.json.scripts as Record<string, unknown> | undefined) }
      const prismaSeed = (pkg.json.prisma as Record<string, unknown> | undefined)?.seed
      if (typeof prismaSeed === 'string') scripts['prisma.seed'] = prismaSeed
      if (typeof pkg.json.main === 'string') runtime.add(posix.normalize(posix.join(pkg.dir, pkg.json.main)))
      for (const [name, command] of Object.entries(scripts)) {
        if (typeof command !== 'string') continue
        for (const match of command.matchAll(SCRIPT_PATH)) {
          const file = posix.normalize(posix.join(pkg.dir, match[1]!))
          if (RUNTIME_SCRIPT.test(name)) runtime.add(file)
          else named.set(file, name)
        }
      }
      for (const file of runtime) named.delete(file)
      this.scriptFiles.set(pkg.dir, named)
    }
    const named = this.scriptFiles.get(pkg.dir)!
    // A script may name the compiled file (`node dist/seed.js`); the source shares its stem.
    return named.get(path) ?? named.get(path.replace(/\.[cm]?tsx?$/, '.js'))
  }

  /** Names lie: a `seed.ts` that the server imports and runs at boot is runtime code. */
  private importedByRuntimeCode(path: string): boolean {
    if (/\.(?:test|spec|e2e-spec)\.[^.]+$/.test(path) || /(?:^|\/)(?:__tests__|__mocks__|test|tests)\//.test(path)) return false
    const stem = posix.basename(path).replace(/\.[^.]+$/, '')
    const needle = stem === 'index' ? posix.basename(posix.dirname(path)) : stem
    const prefix = this.ctx.project.packageOf(path)?.dir ?? ''
    for (const other of this.ctx.files) {
      if (other === path || (prefix && !other.startsWith(`${prefix}/`)) || !/\.[cm]?[jt]sx?$/.test(other) || isNonRuntimeFile(this.ctx, other)) continue
      const text = this.ctx.read(other)
      if (!text?.includes(needle)) continue
      if (specifiersIn(text).some((specifier) => resolveImport(this.ctx.project, other, specifier, this.exists) === path)) return true
    }
    return false
  }

  /** The file the package starts from (`main`, the start/dev script's file, `src/index|main|server|app`). */
  isEntry(path: string): boolean {
    const pkg = this.ctx.project.packageOf(path)
    const dir = pkg?.dir ? `${pkg.dir}/` : ''
    const local = path.slice(dir.length)
    if (/^(?:src\/)?(?:index|main|server|app)\.[cm]?[jt]s$/.test(local)) return true
    const declared = [pkg?.json.main, ...Object.entries({ ...(pkg?.json.scripts as Record<string, unknown> | undefined) })
      .filter(([name]) => RUNTIME_SCRIPT.test(name))
      .flatMap(([, command]) => (typeof command === 'string' ? [...command.matchAll(SCRIPT_PATH)].map((m) => m[1]) : []))]
    const stem = local.replace(/\.[cm]?[jt]sx?$/, '')
    return declared.some((entry) => typeof entry === 'string' && posix.normalize(entry).replace(/^(?:dist|build|out)\//, 'src/').replace(/\.[cm]?[jt]sx?$/, '') === stem)
  }

  /** Cloudflare Workers (wrangler config, workers types): a client per request is how Prisma runs there. */
  isWorkers(path: string): boolean {
    const pkg = this.ctx.project.packageOf(path)
    const dir = pkg?.dir ? `${pkg.dir}/` : ''
    if (['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'].some((name) => this.exists(`${dir}${name}`))) return true
    const deps = { ...(pkg?.json.dependencies as object | undefined), ...(pkg?.json.devDependencies as object | undefined) }
    return 'wrangler' in deps || '@cloudflare/workers-types' in deps
  }
}
