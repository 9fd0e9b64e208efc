/** A heading of a Markdown document with the lines under it (up to the next heading). */
export interface Section {
  level: number
  title: string
  /** 1-based line of the heading in the document (0 for the implicit root). */
  line: number
  /** Lines under the heading before the next heading, fenced code included. */
  body: string[]
  /** 1-based line of body[0]. */
  bodyLine: number
  parent: Section | undefined
  children: Section[]
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** Splits Markdown into a tree of sections by ATX headings, ignoring `#` lines inside code fences. */
export function parseSections(markdown: string): Section {
  const root: Section = { level: 0, title: '', line: 0, body: [], bodyLine: 1, parent: undefined, children: [] }
  let current = root
  const lines = markdown.split(/\r?\n/)
  const code = codeLines(lines)
  lines.forEach((text, index) => {
    const heading = code[index] ? null : HEADING.exec(text)
    if (!heading) {
      current.body.push(text)
      return
    }
    const level = heading[1].length
    let parent = current
    while (parent.level >= level) parent = parent.parent!
    const section: Section = { level, title: heading[2], line: index + 1, body: [], bodyLine: index + 2, parent, children: [] }
    parent.children.push(section)
    current = section
  })
  return root
}

/**
 * Which lines are code (fence lines included). Reports nest fences (a ```markdown block holding
 * a ```bash block), so a fence with an info string inside a block opens a nested one and a
 * bare fence closes the innermost: what the author meant, if not what CommonMark says.
 */
export function codeLines(lines: readonly string[]): boolean[] {
  const open: string[] = []
  return lines.map((line) => {
    const match = FENCE.exec(line)
    if (!match) return open.length > 0
    const bare = line.trim() === match[1]
    if (open.length > 0 && bare) open.pop()
    else open.push(match[1][0])
    return true
  })
}

/** The body without fenced code blocks: the prose a reader (and the mapping) goes by. */
export function proseLines(body: readonly string[]): string[] {
  const code = codeLines(body)
  return body.filter((_, index) => !code[index])
}

/** Every section below `section`, depth first. */
export function descendants(section: Section): Section[] {
  return section.children.flatMap((child) => [child, ...descendants(child)])
}

/** Markdown emphasis, code ticks and links reduced to their text. */
export function plainText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}
