import type { OptionValue, Transform, TransformContext } from '../types.js'
import { containsPattern, globOf, type LookupIndex } from './prefilter.js'
import type { Workspace } from './workspace.js'

/** What the read pass found for one transform. */
export interface PassResults {
  /** The transform's candidates as the pass found them. */
  candidates: Set<string>
  scans: Map<string, unknown>
  lookups: LookupIndex
}

/** The read-only view one transform runs against, as earlier transforms left the repository. */
export function createContext(ws: Workspace, transform: Transform, pass: PassResults, options: Record<string, OptionValue>): TransformContext {
  const { meta } = transform
  const glob = globOf(meta)
  const contains = containsPattern(meta.contains)
  const { lookups } = pass
  // A file an earlier transform changed is scanned again, as it is now.
  const rescanned = new Map<string, unknown>()
  const scanned = (path: string): unknown => {
    if (!transform.scan) return undefined
    if (!ws.isChanged(path)) return pass.scans.get(path)
    if (!rescanned.has(path)) {
      const text = ws.read(path)
      rescanned.set(path, text === undefined ? undefined : transform.scan(path, text))
    }
    return rescanned.get(path)
  }
  // Nothing is written while the transform runs, so each answer holds for the whole run: a
  // transform asking once per package or entry file must not filter the tree each time.
  let candidates: string[] | undefined
  const containing = new Map<string, string[]>()
  return {
    get files() {
      return ws.files
    },
    candidates() {
      // Files created or rewritten by earlier transforms are candidates too when they now match.
      // Only those are read here: reading every other file would load the whole tree again.
      candidates ??= ws.files.filter((file) => {
        if (!ws.isChanged(file)) return pass.candidates.has(file)
        if (!glob(file)) return false
        const text = ws.read(file)
        if (text === undefined || !(contains?.test(text) ?? true)) return pass.candidates.has(file) && !transform.scan
        return !transform.scan || scanned(file) !== undefined
      })
      return [...candidates]
    },
    scanned,
    filesContaining(needle) {
      const found = lookups.get(needle)
      if (!found || !meta.lookups?.includes(needle)) throw new Error(`transform ${meta.id} looks files up by "${needle}" without declaring it in meta.lookups`)
      // As of the overlay: files changed earlier in this run are checked again (only those are read).
      if (!containing.has(needle)) {
        containing.set(needle, ws.files.filter((file) => {
          if (!ws.isChanged(file)) return found.has(file) && glob(file)
          return glob(file) && (ws.read(file)?.includes(needle) ?? false)
        }))
      }
      return [...containing.get(needle)!]
    },
    glob: (patterns) => ws.glob(patterns),
    read: (path) => ws.read(path),
    parse: (path) => ws.parse(path),
    isTracked: (path) => ws.isTracked(path),
    project: ws.project,
    options,
  }
}
