import type { ClassMethod, Comment, Node } from '@babel/types'
import type MagicString from 'magic-string'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import { detectQuote, usesSemicolons } from '../imports.js'
import type { FunctionNode } from './signals.js'

/** How the file writes code: quotes, semicolons, one level of indentation, TypeScript or not. */
export interface Style {
  quote: "'" | '"'
  semi: string
  indent: string
  typescript: boolean
}

/** The file's own conventions, so inserted code looks like its neighbours. */
export function styleOf(file: ParsedFile): Style {
  const indented = /^([ \t]+)\S/m.exec(file.text)
  const indent = indented?.[1]?.startsWith('\t') ? '\t' : indented?.[1]?.length === 4 ? '    ' : '  '
  return { quote: detectQuote(file), semi: usesSemicolons(file) ? ';' : '', indent, typescript: /\.[cm]?tsx?$/.test(file.path) }
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart))![0]
}

/** The try/catch that disconnects, indented at `indent`. */
export function disconnectBlock(call: string, indent: string, style: Style, exitOnFailure: boolean): string {
  const { quote: q, semi, indent: unit } = style
  const lines = [
    `try {`,
    `${unit}await ${call}${semi}`,
    `} catch (error) {`,
    `${unit}console.error(${q}Failed to disconnect from the database${q}, error)${semi}`,
    ...(exitOnFailure ? [`${unit}process.exit(1)${semi}`] : []),
    `}`,
  ]
  return lines.map((line, i) => (i === 0 ? line : `${indent}${line}`)).join('\n')
}

/**
 * Makes a shutdown function disconnect before it exits: the call goes right before the first
 * `process.exit(…)` (inside the existing try when there is one, else in its own try/catch), or at
 * the end when the function never exits; the function (or the callback holding the exit) turns async.
 */
export function ensureDisconnect(edit: MagicString, file: ParsedFile, fn: FunctionNode, call: string, style: Style): void {
  const { text } = file
  removeDatabaseTodos(edit, file, fn)
  if (fn.body.type !== 'BlockStatement') {
    // Before: () => process.exit(0)
    // After:  async () => { try { await prisma.$disconnect() } catch … ; process.exit(0) }
    const indent = indentAt(text, fn.start!)
    const inner = `${indent}${style.indent}`
    const expression = text.slice(fn.body.start!, fn.body.end!)
    makeAsync(edit, fn)
    edit.overwrite(fn.body.start!, fn.body.end!, `{\n${inner}${disconnectBlock(call, inner, style, true)}\n${inner}${expression}${style.semi}\n${indent}}`)
    return
  }
  const exit = findExit(fn)
  if (!exit) {
    // Before: async function shutdown() { server.close() }
    // After:  async function shutdown() { server.close(); try { await prisma.$disconnect() } catch … }
    const last = fn.body.body[fn.body.body.length - 1]
    const indent = last ? indentAt(text, last.start!) : `${indentAt(text, fn.start!)}${style.indent}`
    makeAsync(edit, fn)
    edit.appendLeft(last ? last.end! : fn.body.start! + 1, `\n${indent}${disconnectBlock(call, indent, style, false)}`)
    return
  }
  // Before: // TODO: Close database connections
  //         process.exit(0)
  // After:  try { await disconnectDatabase() } catch (error) { … process.exit(1) }
  //         process.exit(0)
  const indent = indentAt(text, exit.statement.start!)
  makeAsync(edit, exit.owner)
  const insertion = exit.insideTry ? `await ${call}${style.semi}` : disconnectBlock(call, indent, style, true)
  edit.appendLeft(exit.statement.start!, `${insertion}\n${indent}`)
}

interface Exit {
  statement: Node
  /** The function whose body holds the exit (the handler or a callback inside it). */
  owner: FunctionNode
  insideTry: boolean
}

function findExit(fn: FunctionNode): Exit | undefined {
  let exit: Exit | undefined
  walk(fn.body, (node, ancestors) => {
    if (exit) return false
    if (node.type !== 'ExpressionStatement' || !isProcessExit(node.expression)) return undefined
    const owner = [...ancestors].reverse().find((a): a is FunctionNode => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression' || a.type === 'FunctionDeclaration') ?? fn
    const ownerIndex = ancestors.indexOf(owner)
    const insideTry = ancestors.some((a, i) => i > ownerIndex && a.type === 'TryStatement' && a.block === ancestors[i + 1])
    exit = { statement: node, owner, insideTry }
    return false
  })
  return exit
}

function isProcessExit(node: Node): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'process' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'exit'
}

/** Prefixes `async` unless the function already is (after a class method's decorators and modifiers). */
export function makeAsync(edit: MagicString, fn: FunctionNode | ClassMethod): void {
  if (fn.async) return
  edit.appendLeft(fn.type === 'ClassMethod' ? fn.key.start! : fn.start!, 'async ')
}

const DATABASE_WORDS = /\b(?:prisma|database|db|postgres(?:ql)?|mysql|connections?)\b/i
const DB_ITEM = String.raw`(?:the\s+)?(?:prisma|database|db|postgres(?:ql)?)(?:\s+(?:client|connections?|pool))?`

/**
 * TODO comments in the function about closing the database: dropped, or trimmed to what is left
 * to do (`// TODO: Disconnect Prisma and Redis here` keeps `// TODO: Disconnect Redis here`);
 * a commented-out close call right below one goes with it.
 */
export function removeDatabaseTodos(edit: MagicString, file: ParsedFile, fn: Node): void {
  const comments = (file.ast.comments ?? []).filter((c) => c.start! > fn.start! && c.end! < fn.end!)
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!
    if (!/\b(?:TODO|FIXME)\b/.test(comment.value) || !DATABASE_WORDS.test(comment.value)) continue
    const trimmed = trimDatabaseItem(comment.value)
    if (trimmed !== undefined) {
      edit.overwrite(comment.start!, comment.end!, comment.type === 'CommentLine' ? `//${trimmed}` : `/*${trimmed}*/`)
      continue
    }
    removeLine(edit, file.text, comment)
    const next = comments[i + 1]
    if (next && next.type === 'CommentLine' && isNextLine(file.text, comment, next) && /disconnect|close|\$disconnect/i.test(next.value) && /\(/.test(next.value)) {
      removeLine(edit, file.text, next)
      i++
    }
  }
}

function trimDatabaseItem(value: string): string | undefined {
  const before = new RegExp(String.raw`\b${DB_ITEM}\s*(?:,|and|&|\+)\s*`, 'i')
  const after = new RegExp(String.raw`\s*(?:,|and|&|\+)\s*${DB_ITEM}\b`, 'i')
  if (before.test(value)) return value.replace(before, '')
  if (after.test(value)) return value.replace(after, '')
  return undefined
}

function isNextLine(text: string, a: Comment, b: Comment): boolean {
  return !text.slice(a.end!, b.start!).replace(/^[ \t]*\n[ \t]*/, '').length
}

/** Removes a comment and, when it is alone on its line, the whole line. */
function removeLine(edit: MagicString, text: string, comment: Comment): void {
  const lineStart = text.lastIndexOf('\n', comment.start! - 1) + 1
  const lineEnd = text.indexOf('\n', comment.end!)
  const alone = text.slice(lineStart, comment.start!).trim() === '' && text.slice(comment.end!, lineEnd === -1 ? text.length : lineEnd).trim() === ''
  if (alone) edit.remove(lineStart, lineEnd === -1 ? text.length : lineEnd + 1)
  else edit.remove(comment.start!, comment.end!)
}
