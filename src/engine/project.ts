import { posix } from 'node:path'
import { parse as parseJsonc } from 'jsonc-parser'

export interface PackageInfo {
  /** Directory of the package.json, '' for the root. */
  dir: string
  json: Record<string, unknown>
}

export interface TsconfigInfo {
  /** Directory of the tsconfig that declares the options. */
  dir: string
  baseUrl?: string
  paths?: Record<string, string[]>
  module?: string
  moduleResolution?: string
  allowImportingTsExtensions?: boolean
}

/** Facts about the repository's packages and compiler settings, read lazily and cached. */
export class ProjectInfo {
  private readonly packages = new Map<string, PackageInfo | undefined>()
  private readonly tsconfigs = new Map<string, TsconfigInfo | undefined>()

  constructor(private readonly read: (path: string) => string | undefined) {}

  /** The root package.json, if any. */
  get rootPackage(): PackageInfo | undefined {
    return this.packageAt('')
  }

  /** The package.json governing a file (nearest ancestor directory that has one). */
  packageOf(file: string): PackageInfo | undefined {
    for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
      const key = dir === '.' ? '' : dir
      const found = this.packageAt(key)
      if (found) return found
      if (key === '') return undefined
    }
  }

  /** Whether the file is an ES module at run time (extension, else its package's "type"). */
  isEsm(file: string): boolean {
    if (/\.m[jt]s$/.test(file)) return true
    if (/\.c[jt]s$/.test(file)) return false
    return this.packageOf(file)?.json.type === 'module'
  }

  /** The tsconfig options in effect for a file: nearest tsconfig.json, with `extends` followed. */
  tsconfigOf(file: string): TsconfigInfo | undefined {
    for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
      const key = dir === '.' ? '' : dir
      const found = this.tsconfigAt(key ? `${key}/tsconfig.json` : 'tsconfig.json', 0)
      if (found) return found
      if (key === '') return undefined
    }
  }

  private packageAt(dir: string): PackageInfo | undefined {
    if (!this.packages.has(dir)) {
      const json = parseObject(this.read(dir ? `${dir}/package.json` : 'package.json'), false)
      this.packages.set(dir, json ? { dir, json } : undefined)
    }
    return this.packages.get(dir)
  }

  private tsconfigAt(path: string, depth: number): TsconfigInfo | undefined {
    if (this.tsconfigs.has(path)) return this.tsconfigs.get(path)
    const json = parseObject(this.read(path), true)
    let info: TsconfigInfo | undefined
    if (json) {
      const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path)
      const parent = typeof json.extends === 'string' && json.extends.startsWith('.') && depth < 5
        ? this.tsconfigAt(posix.normalize(posix.join(dir, json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`)), depth + 1)
        : undefined
      const options = (json.compilerOptions ?? {}) as Record<string, unknown>
      const own: Partial<TsconfigInfo> = {}
      if (typeof options.baseUrl === 'string') own.baseUrl = options.baseUrl
      if (isPaths(options.paths)) own.paths = options.paths
      if (typeof options.module === 'string') own.module = options.module.toLowerCase()
      if (typeof options.moduleResolution === 'string') own.moduleResolution = options.moduleResolution.toLowerCase()
      if (typeof options.allowImportingTsExtensions === 'boolean') own.allowImportingTsExtensions = options.allowImportingTsExtensions
      // `paths` resolve against the config that declares them (or its baseUrl).
      const pathsDir = own.paths || own.baseUrl ? dir : parent?.dir ?? dir
      info = { ...parent, ...own, dir: pathsDir }
    }
    this.tsconfigs.set(path, info)
    return info
  }
}

function parseObject(text: string | undefined, jsonc: boolean): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  try {
    // Most tsconfigs are plain JSON, which JSON.parse reads many times faster than jsonc-parser.
    const value: unknown = jsonc ? parseJsoncFast(text) : JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function parseJsoncFast(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return parseJsonc(text, [], { allowTrailingComma: true })
  }
}

function isPaths(value: unknown): value is Record<string, string[]> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => Array.isArray(v))
}
