import type { Transform, TransformMeta } from '../types.js'
import { globPattern } from './glob.js'
import type { Workspace } from './workspace.js'

/** Files of the pass whose text held each looked-up substring (TransformMeta.lookups). */
export type LookupIndex = Map<string, Set<string>>

interface PrefilterTest {
  id: string
  contains?: RegExp
  scan?: (path: string, text: string) => unknown
}

/**
 * One pass over the tree: each file a transform's globs match is read once and tested against
 * every transform's substring prefilter; only texts that pass some prefilter are kept. The
 * substrings transforms look files up by are noted on the way, so no transform reads the tree again.
 */
export class Prefilter {
  readonly candidates: Map<string, Set<string>>
  /** What each transform's `scan` returned, by path. */
  readonly scans: Map<string, Map<string, unknown>>
  readonly lookups: LookupIndex
  /** Transforms whose scan() threw: they do not run, and the error is reported. */
  readonly failures = new Map<string, Error>()
  filesScanned = 0
  private readonly groups: Array<{ match: (file: string) => boolean; tests: PrefilterTest[]; lookups: string[]; anyLookup?: RegExp }>

  constructor(private readonly ws: Workspace, transforms: readonly Transform[]) {
    // Most transforms share one glob list (every script file): match each distinct list once per file.
    const globs = new Map<string, { match: (file: string) => boolean; tests: PrefilterTest[]; lookups: Set<string> }>()
    for (const transform of transforms) {
      const { meta } = transform
      const key = JSON.stringify([meta.files, meta.exclude])
      if (!globs.has(key)) globs.set(key, { match: globOf(meta), tests: [], lookups: new Set() })
      const group = globs.get(key)!
      group.tests.push({ id: meta.id, contains: containsPattern(meta.contains), scan: transform.scan?.bind(transform) })
      for (const needle of meta.lookups ?? []) group.lookups.add(needle)
    }
    this.groups = [...globs.values()].map((group) => ({ ...group, lookups: [...group.lookups], anyLookup: group.lookups.size ? containsPattern([...group.lookups]) : undefined }))
    this.candidates = new Map(transforms.map((t) => [t.meta.id, new Set<string>()]))
    this.scans = new Map(transforms.map((t) => [t.meta.id, new Map()]))
    this.lookups = new Map(this.groups.flatMap((group) => group.lookups.map((needle) => [needle, new Set<string>()])))
  }

  scan(files: readonly string[]): void {
    for (const file of files) {
      let text: string | undefined
      let keep = false
      for (const group of this.groups) {
        if (!group.match(file)) continue
        text ??= this.ws.peek(file)
        if (text === undefined) break
        for (const t of group.tests) {
          if (t.contains && !t.contains.test(text)) continue
          if (t.scan) {
            if (this.failures.has(t.id)) continue
            // The text has been looked at: only what the scan found is kept.
            let found
            try {
              found = t.scan(file, text)
            } catch (error) {
              this.failures.set(t.id, error as Error)
              continue
            }
            if (found === undefined) continue
            this.scans.get(t.id)!.set(file, found)
          } else {
            keep = true
          }
          this.candidates.get(t.id)!.add(file)
        }
        if (group.anyLookup?.test(text)) {
          for (const needle of group.lookups) {
            if (!text.includes(needle)) continue
            this.lookups.get(needle)!.add(file)
            keep = true
          }
        }
      }
      if (text !== undefined) this.filesScanned++
      if (keep) this.ws.retain(file, text!)
    }
  }
}

/** Whether a path is one of the transform's files: matches `files`, not `exclude`. */
export function globOf(meta: TransformMeta): (file: string) => boolean {
  const included = globPattern(meta.files)
  const excluded = meta.exclude?.length ? globPattern(meta.exclude) : undefined
  return excluded ? (file) => included.test(file) && !excluded.test(file) : (file) => included.test(file)
}

/**
 * A transform's needles as one alternation: a file that holds none is scanned once instead of once
 * per needle (40 % less time over medusa's 9,000 candidate texts).
 */
export function containsPattern(needles: readonly string[] | undefined): RegExp | undefined {
  if (!needles) return undefined
  return needles.length ? new RegExp(needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) : /(?!)/
}
