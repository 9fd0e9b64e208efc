/**
 * The files under a directory ('' for the whole tree), from a sorted file list such as ctx.files:
 * two binary searches instead of a scan of the tree, which cost 40–60 ms per question in a
 * 15,000-file monorepo.
 */
export function filesUnder(files: readonly string[], dir: string): readonly string[] {
  if (!dir) return files
  // Paths starting with `dir/` sort from `dir/` up to, not including, `dir0` ('0' follows '/').
  return files.slice(lowerBound(files, `${dir}/`), lowerBound(files, `${dir}0`))
}

function lowerBound(files: readonly string[], key: string): number {
  let low = 0
  let high = files.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (files[mid]! < key) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The file list as a set, built once per list: the engine replaces ctx.files when a file is
 * created or deleted, so the array identifies its contents. Helpers asking "does this path exist"
 * once per entry or package no longer copy a 50,000-path list each time.
 */
export function fileSetOf(files: readonly string[]): ReadonlySet<string> {
  let set = fileSets.get(files)
  if (!set) {
    set = new Set(files)
    fileSets.set(files, set)
  }
  return set
}

const fileSets = new WeakMap<readonly string[], ReadonlySet<string>>()
