import { posix } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/**
 * The .gitignore files of a repository evaluated the way git does: every .gitignore from the
 * root down to a path's directory applies, patterns relative to their own directory, and the
 * deepest file that has an opinion about the path wins.
 */
export class IgnoreRules {
  private readonly rules = new Map<string, Ignore>()

  constructor(private readonly texts: ReadonlyMap<string, string>) {
    for (const [path, text] of texts) this.rules.set(dirOf(path), ignore().add(text))
  }

  /** The rules as they would be with lines appended to one .gitignore (created when missing). */
  withAppended(path: string, lines: readonly string[]): IgnoreRules {
    const texts = new Map(this.texts)
    texts.set(path, `${this.texts.get(path) ?? ''}\n${lines.join('\n')}\n`)
    return new IgnoreRules(texts)
  }

  /** Whether git would ignore this (repo-relative) file. */
  ignores(path: string): boolean {
    let ignored = false
    const dirs = ancestors(dirOf(path))
    for (const dir of dirs) {
      const rules = this.rules.get(dir)
      if (!rules) continue
      const verdict = rules.test(dir === '' ? path : path.slice(dir.length + 1))
      if (verdict.ignored) ignored = true
      else if (verdict.unignored) ignored = false
    }
    return ignored
  }
}

/** The directory of a repo-relative path, '' for the root. */
export function dirOf(path: string): string {
  const dir = posix.dirname(path)
  return dir === '.' ? '' : dir
}

/** `a/b/c` → ['', 'a', 'a/b', 'a/b/c']. */
function ancestors(dir: string): string[] {
  if (dir === '') return ['']
  const parts = dir.split('/')
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))]
}

/**
 * Appends lines to a .gitignore without touching what is there: adds the missing final newline
 * first, a blank line before the block, and uses the file's own line ending.
 */
export function appendBlock(text: string, lines: readonly string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  let prefix = text
  if (prefix !== '' && !prefix.endsWith('\n')) prefix += eol
  if (prefix !== '' && !/(?:\r?\n){2}$/.test(prefix)) prefix += eol
  return prefix + lines.map((line) => line + eol).join('')
}
