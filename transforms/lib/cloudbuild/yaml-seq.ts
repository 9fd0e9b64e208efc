import type MagicString from 'magic-string'
import { isScalar, type Scalar, type YAMLSeq } from 'yaml'
import type { ArgEdit } from './deploy-flags.js'

/** The string items of a YAML list with their source ranges; undefined when an item is not a plain string scalar. */
export function seqStrings(seq: YAMLSeq): Scalar[] | undefined {
  const items: Scalar[] = []
  for (const item of seq.items) {
    if (!isScalar(item) || !item.range || (typeof item.value !== 'string' && typeof item.value !== 'number')) return undefined
    items.push(item)
  }
  return items
}

/** Applies argument edits to a YAML list of gcloud arguments, in its own style (flow or block, quotes). */
export function editYamlSeq(text: string, edit: MagicString, seq: YAMLSeq, items: Scalar[], edits: ArgEdit[]): void {
  const flow = Boolean(seq.flow)
  for (const e of edits) {
    if (e.kind === 'replace') {
      const item = items[e.index]!
      edit.overwrite(item.range![0], item.range![1], yamlScalar(e.value, item.type, flow))
    } else if (e.kind === 'remove') {
      removeItem(text, edit, items, e.index, flow)
    }
  }
  const append = edits.find((e) => e.kind === 'append')
  if (!append || items.length === 0) return
  const style = dominantStyle(items)
  const last = items.at(-1)!
  const values = append.values.map((value) => yamlScalar(value, style, flow))
  if (flow) {
    const multiline = items.length > 1 && lineStart(text, items.at(-2)!.range![0]) !== lineStart(text, last.range![0])
    const indent = /^[ \t]*/.exec(text.slice(lineStart(text, last.range![0])))![0]
    edit.appendLeft(last.range![1], values.map((value) => (multiline ? `,\n${indent}${value}` : `, ${value}`)).join(''))
    return
  }
  const start = lineStart(text, last.range![0])
  const prefix = text.slice(start, last.range![0])
  const indent = prefix.replace(/-\s*$/, '')
  const eol = lineEnd(text, last.range![1])
  const crlf = text[eol - 1] === '\r'
  edit.appendLeft(crlf ? eol - 1 : eol, values.map((value) => `${crlf ? '\r\n' : '\n'}${indent}- ${value}`).join(''))
}

function removeItem(text: string, edit: MagicString, items: Scalar[], index: number, flow: boolean): void {
  const item = items[index]!
  const [start, end] = item.range!
  if (!flow) {
    const from = lineStart(text, start)
    edit.remove(from, Math.min(lineEnd(text, end) + 1, text.length))
    return
  }
  // In a flow list the separator before the item goes with it (after it, for the first item).
  if (index > 0) edit.remove(items[index - 1]!.range![1], end)
  else if (items.length > 1) edit.remove(start, items[1]!.range![0])
  else edit.remove(start, end)
}

function dominantStyle(items: Scalar[]): Scalar.Type {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item.type ?? 'PLAIN', (counts.get(item.type ?? 'PLAIN') ?? 0) + 1)
  const [type] = [...counts].sort((a, b) => b[1] - a[1])[0]!
  return type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? type : 'PLAIN'
}

/** A string as a YAML scalar of the given style; plain values that YAML would read otherwise (numbers, `{` in a flow list) get single quotes. */
export function yamlScalar(value: string, type: Scalar.Type | undefined, flow = false): string {
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value)
  if (type === 'QUOTE_SINGLE' || !isSafePlain(value) || (flow && /[[\]{},]/.test(value))) return `'${value.replace(/'/g, "''")}'`
  return value
}

function isSafePlain(value: string): boolean {
  if (value === '' || /^(?:[?:,[\]{}#&*!|>'"%@`\s]|-(?:\s|$))/.test(value) || /: |\s#|[\s:]$/.test(value)) return false
  return !/^(?:[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|true|false|yes|no|on|off|null|~|\.inf|\.nan)$/i.test(value)
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/** Offset of the newline ending the line holding `offset` (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset)
  return end === -1 ? text.length : end
}
