import type { Node } from '@babel/types'

const SKIP_KEYS = new Set(['type', 'loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens'])

/** Visitor for `walk`: return false to skip a node's children. */
export type Visit = (node: Node, ancestors: readonly Node[]) => void | false

/**
 * Depth-first walk over a Babel AST; cheaper than @babel/traverse because it builds no paths.
 * Object.keys and indexed loops: a third faster than for…in over medusa's trees, same order.
 */
export function walk(root: Node, visit: Visit): void {
  const ancestors: Node[] = []
  const step = (node: Node): void => {
    if (visit(node, ancestors) === false) return
    ancestors.push(node)
    const keys = Object.keys(node)
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!
      const value = (node as unknown as Record<string, unknown>)[key]
      if (value === null || typeof value !== 'object' || SKIP_KEYS.has(key)) continue
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (isNode(value[i])) step(value[i] as Node)
      } else if (isNode(value)) {
        step(value)
      }
    }
    ancestors.pop()
  }
  step(root)
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/** A 1-based line lookup for many offsets of one text: line starts computed at the first lookup, then binary search. */
export function lineLocator(text: string): (offset: number) => number {
  let starts: number[] | undefined
  return (offset) => {
    if (!starts) {
      starts = [0]
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    }
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }
}
