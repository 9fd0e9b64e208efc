import type { BlockStatement, Node, TryStatement } from '@babel/types'
import MagicString from 'magic-string'
import { lineAt, walk } from '../../../src/engine/ast.js'
import type { FileChange, Finding, ParsedFile, TransformContext } from '../../../src/types.js'
import { resolveImport } from '../imports.js'
import { listSingletonCandidates } from '../prisma.js'
import { indentAt, styleOf, type Style } from './rewrite.js'
import { fileSetOf } from '../sorted-files.js'

const SHARED_MEMBER = /(?:^|\.)(?:server|app|fastify|instance)\.prisma$|^this\.prisma$|\.locals\.prisma$/
const LIFECYCLE_NAME = /shutdown|close|exit|disconnect|destroy|teardown|cleanup|stop|main|seed|script/i

/**
 * `finally { await prisma.$disconnect() }` inside a request handler, on the app's shared client
 * (`request.server.prisma`, `this.prisma`, the imported singleton): every request tears down the
 * pool the next one needs, and cuts the queries concurrent requests still run. Removes those
 * statements (and a `finally` left empty); returns the offsets of the ones removed.
 */
// Before: try { … } catch (error) { … } finally { await prisma.$disconnect() }
// After:  try { … } catch (error) { … }
export function removePerRequestDisconnects(edit: MagicString, file: ParsedFile, sharedImports: ReadonlySet<string>, style: Style): number[] {
  const removed: number[] = []
  const emptied = new Map<TryStatement, number>()
  walk(file.ast.program, (node, ancestors) => {
    if (node.type !== 'ExpressionStatement') return undefined
    const receiver = disconnectReceiver(node.expression)
    const block = ancestors[ancestors.length - 1]
    const tryStatement = ancestors[ancestors.length - 2]
    if (!receiver || block?.type !== 'BlockStatement' || tryStatement?.type !== 'TryStatement' || tryStatement.finalizer !== block) return undefined
    const fnIndex = findLastIndex(ancestors, isFunction)
    if (fnIndex === -1 || ancestors.slice(0, fnIndex + 1).some((a, i) => isFunction(a) && LIFECYCLE_NAME.test(functionName(a, ancestors[i - 1]) ?? ''))) return undefined
    if (!isShared(file, receiver, ancestors.slice(fnIndex), sharedImports)) return undefined
    removed.push(node.start!)
    emptied.set(tryStatement, (emptied.get(tryStatement) ?? 0) + 1)
    return false
  })
  for (const [tryStatement, count] of emptied) {
    const finalizer = tryStatement.finalizer!
    const keepsOthers = finalizer.body.length > count || (file.ast.comments ?? []).some((c) => c.start! > finalizer.start! && c.end! < finalizer.end!)
    if (keepsOthers) {
      for (const statement of finalizer.body) if (removed.includes(statement.start!)) removeLine(edit, file.text, statement)
    } else if (tryStatement.handler) {
      edit.remove(tryStatement.handler.end!, finalizer.end!)
    } else {
      unwrapTry(edit, file.text, tryStatement, style)
    }
  }
  return removed
}

function disconnectReceiver(expression: Node): Node | undefined {
  const call = expression.type === 'AwaitExpression' ? expression.argument : expression
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier' || call.callee.property.name !== '$disconnect') return undefined
  return call.callee.object
}

/** Whether the receiver is the app's client: a member of the server/request, or a name bound to one or imported as the singleton. */
function isShared(file: ParsedFile, receiver: Node, scope: readonly Node[], sharedImports: ReadonlySet<string>): boolean {
  const text = (node: Node): string => file.text.slice(node.start!, node.end!).replace(/\s+/g, '')
  if (receiver.type === 'MemberExpression') return SHARED_MEMBER.test(text(receiver))
  if (receiver.type !== 'Identifier') return false
  let bound: Node | null | undefined
  for (const fn of scope) {
    walk(fn, (node) => {
      if (bound !== undefined) return false
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === receiver.name) bound = node.init
      return undefined
    })
    if (bound !== undefined) break
  }
  if (bound !== undefined) return bound !== null && SHARED_MEMBER.test(text(bound))
  return sharedImports.has(receiver.name)
}

function isFunction(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassMethod' || node.type === 'ObjectMethod'
}

function functionName(fn: Node, parent: Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name
  if ((fn.type === 'ClassMethod' || fn.type === 'ObjectMethod') && fn.key.type === 'Identifier') return fn.key.name
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name
  if (parent?.type === 'ObjectProperty' && parent.key.type === 'Identifier') return parent.key.name
  return undefined
}

function findLastIndex(nodes: readonly Node[], test: (node: Node) => boolean): number {
  for (let i = nodes.length - 1; i >= 0; i--) if (test(nodes[i]!)) return i
  return -1
}

function removeLine(edit: MagicString, text: string, statement: Node): void {
  const start = text.lastIndexOf('\n', statement.start! - 1) + 1
  const end = text.indexOf('\n', statement.end!)
  edit.remove(start, end === -1 ? text.length : end + 1)
}

// Before: try {
//           return await prisma.user.findMany()
//         } finally {
//           await prisma.$disconnect()
//         }
// After:  return await prisma.user.findMany()
function unwrapTry(edit: MagicString, text: string, tryStatement: TryStatement, style: Style): void {
  const block: BlockStatement = tryStatement.block
  const indent = indentAt(text, tryStatement.start!)
  const inner = text.slice(block.start! + 1, block.end! - 1).replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '')
  const lines = inner.split('\n').map((line) => (line.startsWith(indent + style.indent) ? line.slice(style.indent.length) : line.trimStart() === '' ? '' : line))
  edit.overwrite(tryStatement.start!, tryStatement.end!, lines.join('\n').trimStart())
}

/** A file whose request handlers disconnect the shared client, and the change that stops it. */
export interface PerRequest {
  change: FileChange
  /** Offsets of the disconnect statements. */
  offsets: number[]
}

/** Request handlers that disconnect the shared client in `finally`: one change per file. */
export function perRequestDisconnects(ctx: TransformContext, paths: string[]): PerRequest[] {
  const clientModules = new Set(listSingletonCandidates(ctx).filter((c) => c.kind === 'client').map((c) => c.path))
  const changes: PerRequest[] = []
  for (const path of paths) {
    const file = ctx.parse(path)
    if (!file) continue
    const edit = new MagicString(file.text)
    const removed = removePerRequestDisconnects(edit, file, importedClients(ctx, file, clientModules), styleOf(file))
    if (removed.length > 0) changes.push({ offsets: removed, change: { path, before: file.text, after: edit.toString(), reason: `stop disconnecting the shared client after each request (${removed.length} place${removed.length > 1 ? 's' : ''})` } })
  }
  return changes
}

/** One finding per package, at the first place, counting the others. */
export function reportPerRequest(ctx: TransformContext, found: PerRequest[]): Finding[] {
  const byPackage = new Map<string, PerRequest[]>()
  for (const item of found) {
    const dir = ctx.project.packageOf(item.change.path)?.dir ?? ''
    byPackage.set(dir, [...(byPackage.get(dir) ?? []), item])
  }
  return [...byPackage.values()].map((items) => {
    const first = items[0]!
    const places = items.reduce((sum, item) => sum + item.offsets.length, 0)
    const others = items.length > 1 ? ` (${places} places in ${items.length} files, e.g. ${items.slice(1, 4).map((i) => i.change.path).join(', ')})` : places > 1 ? ` (${places} places in this file)` : ''
    return {
      path: first.change.path,
      line: lineAt(first.change.before ?? '', first.offsets[0]!),
      message: `request handlers disconnect the shared Prisma client in finally${others}: each request tears down the pool the next one needs and cuts queries other requests still run; remove those $disconnect() calls (option perRequestDisconnect: "remove" does it)`,
    }
  })
}

/** Local names the file imports or requires from modules that export a Prisma client. */
function importedClients(ctx: TransformContext, file: ParsedFile, clientModules: ReadonlySet<string>): Set<string> {
  const files = fileSetOf(ctx.files)
  const exists = (path: string): boolean => files.has(path)
  const names = new Set<string>()
  for (const statement of file.ast.program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (!clientModules.has(resolveImport(ctx.project, file.path, statement.source.value, exists) ?? '')) continue
      for (const s of statement.specifiers) names.add(s.local.name)
    }
    if (statement.type !== 'VariableDeclaration') continue
    for (const d of statement.declarations) {
      const init = d.init
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'StringLiteral') continue
      if (!clientModules.has(resolveImport(ctx.project, file.path, init.arguments[0].value, exists) ?? '')) continue
      if (d.id.type === 'Identifier') names.add(d.id.name)
      if (d.id.type === 'ObjectPattern') for (const p of d.id.properties) if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') names.add(p.value.name)
    }
  }
  return names
}
