import type { File as BabelFile } from '@babel/types'
import type { ProjectInfo } from './engine/project.js'

export type Severity = 'critical' | 'high' | 'medium' | 'low'

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low']

/** What a transform is, declared next to its code: menus, reports, commits and the README read it. */
export interface TransformMeta {
  /** kebab-case; equals the file name, the fixture folder and the test file stem. */
  id: string
  /** Imperative one-liner, used in review, commit subjects and the PR body. No trailing period. */
  title: string
  severity: Severity
  /** The audit finding this answers: a short reference and the finding as audits word it. */
  audit: { ref: string; finding: string }
  /** Why it matters and what it changes (README, PR body). */
  description: string
  /** Globs (picomatch, repo-relative) of the files the transform reads as candidates. */
  files: string[]
  /** Globs of files never handed to the transform, so the engine does not even read them for it. */
  exclude?: string[]
  /**
   * Cheap prefilter: a candidate is only handed to the transform when its text contains one
   * of these substrings. Omit to receive every file matching `files`.
   */
  contains?: string[]
  /**
   * Substrings the transform finds files by (ctx.filesContaining): the engine notes them in its one
   * pass over the tree, so a transform never reads the whole tree again to find, say, PrismaClient.
   */
  lookups?: string[]
  /** Default options; the config file may override each key (same type). */
  options?: Record<string, OptionValue>
  /** README example: a short before/after pair. */
  example: { file: string; before: string; after: string }
}

export type OptionValue = string | number | boolean | string[] | Record<string, string | number>

/**
 * One proposed change to one file. `before: null` creates the file, `after: null` deletes it;
 * `untrack` keeps the file on disk but removes it from git's index (`git rm --cached`).
 */
export interface FileChange {
  path: string
  before: string | null
  after: string | null
  untrack?: boolean
  /** One line shown in review and the PR body. */
  reason?: string
}

/** Something detected that a human must act on (rotate a password, name a Cloud SQL instance). */
export interface Finding {
  path: string
  line: number
  message: string
  severity?: Severity
}

export interface TransformResult {
  changes: FileChange[]
  findings?: Finding[]
  /** Places deliberately left alone, with the reason (shown by --dry-run --verbose). */
  notes?: Finding[]
  /** Files the transform could not read (malformed YAML or .env): reported as errors, left untouched. */
  errors?: Array<{ path: string; message: string }>
}

export interface ParsedFile {
  path: string
  text: string
  ast: BabelFile
}

/** A read-only view of the repository as earlier transforms of this run left it. */
export interface TransformContext<Scan = unknown> {
  /** Every listed file (repo-relative, POSIX), including files created earlier in this run. */
  readonly files: readonly string[]
  /** Files matching `meta.files` (and not `meta.exclude`) whose text passes the `meta.contains` prefilter, sorted. */
  candidates(): string[]
  /** What the transform's `scan` returned for a candidate (for its current text); undefined without `scan`. */
  scanned(path: string): Scan | undefined
  /** The transform's files (`meta.files` less `meta.exclude`) whose current text contains `needle`, one of `meta.lookups`; sorted. */
  filesContaining(needle: string): string[]
  /** Files matching the globs, sorted. */
  glob(patterns: string[]): string[]
  /** Current text, or undefined when missing, binary or too large. */
  read(path: string): string | undefined
  /** Parsed JS/TS; undefined when it does not parse (the engine reports it once). */
  parse(path: string): ParsedFile | undefined
  /** Whether git tracks the file (false outside git). */
  isTracked(path: string): boolean
  readonly project: ProjectInfo
  readonly options: Readonly<Record<string, OptionValue>>
}

/** A fix: metadata plus a pure function from the repository to proposed changes. */
export interface Transform<Scan = unknown> {
  meta: TransformMeta
  /**
   * Optional: looks at each file that passes the prefilter while the engine's one pass has its text
   * in hand, so the text is not kept for run(). The file is a candidate only when this returns
   * something, which run() gets back from ctx.scanned(path). For transforms that look at most files
   * and keep little of each (secrets: the few hits of a file).
   */
  scan?(path: string, text: string): Scan | undefined
  run(ctx: TransformContext<Scan>): TransformResult
}
