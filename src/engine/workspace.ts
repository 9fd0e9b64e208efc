import type { ParsedFile } from '../types.js'
import type { FileListing } from './files.js'
import { globPattern } from './glob.js'
import { isScript, parseScript } from './parse.js'
import { ProjectInfo } from './project.js'
import type { RepoSource } from './source.js'

/**
 * Characters of source whose ASTs the cache keeps: a couple of hundred typical files, any one file
 * whole. An AST takes 60–70 times its text. 600 k parses no file twice on medusa or the corpus
 * (300 k: 17 of 124 again) and keeps a 20,000-file tree under 200 MB (1 M: 415 MB before
 * console-logger went package by package).
 */
export const DEFAULT_AST_BUDGET = 600_000

export interface Skip {
  file: string
  reason: 'binary' | 'too-large' | 'symlink'
}

export interface ParseFailure {
  file: string
  message: string
}

/**
 * The repository as this run sees it: the files on disk overlaid with the changes accepted so
 * far. Reads each file at most once; keeps only the texts a transform may want again, so memory
 * follows the number of candidates, not the size of the tree.
 */
export class Workspace {
  readonly listing: FileListing
  readonly project: ProjectInfo
  readonly skips = new Map<string, Skip>()
  readonly parseFailures = new Map<string, ParseFailure>()
  private readonly overlay = new Map<string, string | null>()
  private readonly texts = new Map<string, string>()
  /** ASTs by path, least recently used first. */
  private readonly parsed = new Map<string, ParsedFile>()
  private parsedChars = 0
  /** Paths found missing once: transforms probing import candidates ask again and again. */
  private readonly missing = new Set<string>()
  /** glob() results for the current file list, by pattern set (transforms ask the same globs per file). */
  private readonly globs = new Map<string, string[]>()
  private fileList: string[]

  constructor(
    private readonly source: RepoSource,
    private readonly maxFileSize: number,
    /** Source characters whose ASTs stay cached (about 40 MB of ASTs by default). */
    private readonly astBudget = DEFAULT_AST_BUDGET,
  ) {
    this.listing = source.list()
    this.fileList = this.listing.files
    this.project = new ProjectInfo((path) => this.read(path))
  }

  /**
   * Adds the untracked files once git has listed them (see FileListing.untracked) and returns
   * them; call before any change is written.
   */
  async addUntracked(): Promise<{ files: string[]; error?: string }> {
    const untracked = await this.listing.untracked
    if (!untracked || untracked.files.length === 0) return { files: [], error: untracked?.error }
    this.listing.files = [...this.listing.files, ...untracked.files].sort()
    this.fileList = this.listing.files
    this.globs.clear()
    return untracked
  }

  /** Every file as of the overlay, sorted. */
  get files(): readonly string[] {
    return this.fileList
  }

  get root(): string | undefined {
    return this.source.root
  }

  /** Whether an earlier transform of this run changed, created or deleted the file. */
  isChanged(path: string): boolean {
    return this.overlay.has(path)
  }

  isTracked(path: string): boolean {
    return this.listing.tracked.has(path)
  }

  /** Current text; undefined when missing, deleted, binary, too large or an outside link. */
  read(path: string): string | undefined {
    if (this.overlay.has(path)) return this.overlay.get(path) ?? undefined
    const cached = this.texts.get(path)
    if (cached !== undefined) return cached
    return this.load(path, true)
  }

  /** Reads without keeping the text: for the single prefilter pass over the tree. */
  peek(path: string): string | undefined {
    if (this.overlay.has(path)) return this.overlay.get(path) ?? undefined
    return this.texts.get(path) ?? this.load(path, false)
  }

  /** Keeps a text that peek() returned because a transform will read it. */
  retain(path: string, text: string): void {
    if (!this.overlay.has(path)) this.texts.set(path, text)
  }

  /** Forgets a cached text and its syntax tree (a later read goes to the disk again); changed files are kept. */
  release(path: string): void {
    if (this.overlay.has(path)) return
    this.texts.delete(path)
    const parsed = this.parsed.get(path)
    if (parsed) {
      this.parsed.delete(path)
      this.parsedChars -= parsed.text.length
    }
  }

  /** The AST of the current text, shared by every transform until the text changes. */
  parse(path: string): ParsedFile | undefined {
    if (!isScript(path)) return undefined
    const text = this.read(path)
    if (text === undefined) return undefined
    const hit = this.parsed.get(path)
    if (hit && hit.text === text) {
      // Most recently used last: eviction takes from the front.
      this.parsed.delete(path)
      this.parsed.set(path, hit)
      return hit
    }
    try {
      const file = { path, text, ast: parseScript(path, text) }
      this.cacheParsed(file)
      return file
    } catch (error) {
      if (!this.overlay.has(path)) this.parseFailures.set(path, { file: path, message: describeSyntaxError(error) })
      return undefined
    }
  }

  /** Records a change in the overlay (null deletes). */
  write(path: string, text: string | null): void {
    const existed = this.read(path) !== undefined
    this.overlay.set(path, text)
    if (text === null && existed) this.fileList = this.fileList.filter((file) => file !== path)
    if (text !== null && !existed) this.fileList = [...this.fileList, path].sort()
    if (existed !== (text !== null)) this.globs.clear()
  }

  /** Files matching the globs, as of the overlay. */
  glob(patterns: string[]): string[] {
    const key = JSON.stringify(patterns)
    let matched = this.globs.get(key)
    if (!matched) {
      const match = globPattern(patterns)
      matched = this.fileList.filter((file) => match.test(file))
      this.globs.set(key, matched)
    }
    return [...matched]
  }

  /**
   * Keeps an AST for the next transform that wants the file, within a budget: an AST takes some
   * 60–70 times the memory of its text, so keeping every one would make memory grow with the tree.
   * Past the budget the least recently used ASTs go; they are rebuilt from the same text if asked for.
   */
  private cacheParsed(file: ParsedFile): void {
    const previous = this.parsed.get(file.path)
    if (previous) this.parsedChars -= previous.text.length
    this.parsed.delete(file.path)
    this.parsed.set(file.path, file)
    this.parsedChars += file.text.length
    for (const [path, old] of this.parsed) {
      if (this.parsedChars <= this.astBudget || path === file.path) break
      this.parsed.delete(path)
      this.parsedChars -= old.text.length
    }
  }

  private load(path: string, keep: boolean): string | undefined {
    if (this.skips.has(path) || this.missing.has(path)) return undefined
    const raw = this.source.read(path, this.maxFileSize)
    if (raw === 'missing') {
      this.missing.add(path)
      return undefined
    }
    if (typeof raw === 'string') {
      this.skips.set(path, { file: path, reason: raw })
      return undefined
    }
    if (raw.subarray(0, 8000).includes(0)) {
      this.skips.set(path, { file: path, reason: 'binary' })
      return undefined
    }
    const text = raw.toString('utf8')
    if (keep) this.texts.set(path, text)
    return text
  }
}

/** "Unexpected token (12:4)" → "line 12, column 5: Unexpected token". */
export function describeSyntaxError(error: unknown): string {
  const err = error as { message?: string; loc?: { line: number; column: number } }
  const message = (err.message ?? String(error)).replace(/\s*\(\d+:\d+\)$/, '')
  return err.loc ? `line ${err.loc.line}, column ${err.loc.column + 1}: ${message}` : message
}
