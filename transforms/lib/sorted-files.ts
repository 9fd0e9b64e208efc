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
