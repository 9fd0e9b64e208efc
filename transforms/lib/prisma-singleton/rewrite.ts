import type { ImportDeclaration, ImportSpecifier, Node, Program, Statement, TryStatement } from '@babel/types'
import MagicString from 'magic-string'
import { lineAt, walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import { addImport, importStatement, type ImportRequest } from '../imports.js'
import { isFunctionNode } from '../prisma.js'
import { listItemRange, removeAll, statementRange, within, type Range } from './edits.js'
import { countDeclarations, referencesTo } from './references.js'
import type { StrayClient } from './strays.js'

/** How a file reaches the singleton. */
export interface SingletonImport {
  /** Repo path of the singleton module. */
  path: string
  /** 'default' or the exported name. */
  exportName: string
  /** The local name to prefer when the file's own name for the client is taken. */
  preferredName: string
  /** The specifier to write when the file does not import the module yet. */
  specifier: string
  /** The singleton is an ES module: from CommonJS its default export is `require(…).default`. */
  esModuleDefault: boolean
}

export interface FileRewrite {
  after: string
  /** Clients replaced by the import, and clients deleted because nothing used them. */
  replaced: string[]
  deleted: string[]
  findings: Array<{ line: number; message: string }>
}

/**
 * Replaces the file's stray clients with the singleton: deletes each declaration (and what hangs
 * off it: a `beforeExit` disconnect, a per-request `finally { await prisma.$disconnect() }`),
 * binds the singleton under the name the code uses (or renames the uses), and drops
 * `PrismaClient` from the import when nothing else needs it.
 */
export function rewriteFile(file: ParsedFile, strays: readonly StrayClient[], target: SingletonImport, syntax: 'esm' | 'cjs', resolve: (specifier: string) => string | undefined): FileRewrite {
  const { program } = file.ast
  const text = file.text
  const edit = new MagicString(text)
  const findings: FileRewrite['findings'] = []
  const existing = existingBinding(program, target, resolve)

  const isUsed = (stray: StrayClient, ranges: readonly Range[]): boolean => referencesTo(stray.scope, stray.name).some(({ node }) => !within(ranges, node.start!))
  const provisional = strays.flatMap((stray) => [declarationRange(text, stray), ...hangers(text, stray, [])])
  const used = strays.filter((stray) => isUsed(stray, provisional))
  const local = used.length === 0 ? undefined : existing?.local ?? chooseName(program, used, target)
  const declaredBy = (name: string): number => strays.filter((s) => s.name === name).length + (existing?.local === name ? 1 : 0)
  const clashing = used.filter((stray) => !local || countDeclarations(program, stray.name) > declaredBy(stray.name) || countDeclarations(program, local) > declaredBy(local))
  for (const stray of clashing) {
    findings.push({ line: lineAt(text, stray.construction.start!), message: `the name ${local !== stray.name && local ? local : stray.name} is declared more than once in this file: replace this client with the shared one by hand` })
  }
  const handled = strays.filter((stray) => !clashing.includes(stray))
  const removals = handled.flatMap((stray) => [declarationRange(text, stray), ...hangers(text, stray, findings)])
  const replaced = used.filter((stray) => handled.includes(stray))
  for (const stray of replaced) if (local !== stray.name) renameUses(edit, stray, local!, removals)
  const deleted = handled.filter((stray) => !replaced.includes(stray))

  const prismaImport = unusedPrismaClientBinding(text, program, handled, removals)
  let replacedImport = false
  if (local && replaced.length > 0 && !existing?.local) {
    const request: ImportRequest = { name: local, imported: target.exportName, specifier: existing?.specifier ?? target.specifier, esModuleDefault: target.esModuleDefault && syntax === 'cjs' }
    // In place only where the new statement is valid: an `import` must stay at the top level.
    if (prismaImport?.whole && !existing?.specifier && (syntax === 'cjs' || program.body.includes(prismaImport.whole))) {
      // Before: import { PrismaClient } from '@prisma/client'
      // After:  import { prisma } from '../lib/prisma'
      edit.overwrite(prismaImport.whole.start!, prismaImport.whole.end!, importStatement(file, syntax, request))
      replacedImport = true
    } else {
      addImport(edit, file, syntax, request)
    }
  }
  if (prismaImport && !replacedImport) removals.push(prismaImport.range)
  removeAll(edit, removals)
  return { after: edit.toString(), replaced: replaced.map((s) => s.name), deleted: deleted.map((s) => s.name), findings }
}

function declarationRange(text: string, stray: StrayClient): Range {
  const { declaration, declarator } = stray
  if (declaration.declarations.length === 1) return statementRange(text, declaration)
  return listItemRange(declaration.declarations, declaration.declarations.indexOf(declarator))
}

/** The local name for the singleton: a module-level client's own name, else the first free of the usual names. */
function chooseName(program: Program, used: readonly StrayClient[], target: SingletonImport): string | undefined {
  const moduleLevel = used.find((stray) => stray.scope.type === 'Program')
  if (moduleLevel) return moduleLevel.name
  const taken = topLevelNames(program)
  return [used[0]!.name, target.preferredName, 'prisma', 'prismaClient', 'db'].find((name) => !taken.has(name))
}

// Before: const db = new PrismaClient(); … db.user.findMany()
// After:  … prisma.user.findMany()   (when the file already imports the singleton as prisma)
function renameUses(edit: MagicString, stray: StrayClient, local: string, removals: readonly Range[]): void {
  for (const { node, ancestors } of referencesTo(stray.scope, stray.name)) {
    if (within(removals, node.start!)) continue
    const parent = ancestors[ancestors.length - 1]
    const shorthand = parent?.type === 'ObjectProperty' && parent.shorthand && parent.value === node
    edit.overwrite(node.start!, node.end!, shorthand ? `${stray.name}: ${local}` : local)
  }
}

/**
 * What hangs off a client that goes away: `process.on('beforeExit', () => prisma.$disconnect())`
 * in the module, and `finally { await prisma.$disconnect() }` after each request (on the shared
 * client that would close the pool under every other request). Other disconnects become findings.
 */
function hangers(text: string, stray: StrayClient, findings: FileRewrite['findings']): Range[] {
  const ranges: Range[] = []
  const handled = new Set<Node>()
  if (stray.scope.type === 'Program') {
    for (const statement of stray.scope.body) {
      if (isExitDisconnect(statement, stray.name)) {
        ranges.push(statementRange(text, statement))
        handled.add(statement)
      }
    }
  }
  walk(stray.scope, (node, ancestors) => {
    if (handled.has(node)) return false
    if (node.type === 'TryStatement' && node.finalizer) ranges.push(...finallyDisconnects(text, node, ancestors[ancestors.length - 1] ?? stray.scope, stray.name, handled))
    return undefined
  })
  const perCall = stray.scope.type !== 'Program'
  walk(stray.scope, (node, ancestors) => {
    if (handled.has(node)) return false
    if (isDisconnectCall(node, stray.name) && (perCall || (ancestors.some(isFunctionNode) && !inLifecycleCallback(ancestors)))) {
      findings.push({ line: lineAt(text, node.start!), message: `${stray.name}.$disconnect() now closes the shared client on every call: remove it (the process shutdown disconnects once)` })
      return false
    }
    return undefined
  })
  return ranges
}

/** Inside a top-level `main().finally(() => …)` or `process.on('SIGTERM', () => …)`: a disconnect at the end of the process, not per call. */
function inLifecycleCallback(ancestors: readonly Node[]): boolean {
  let index = ancestors.length - 1
  while (index >= 0 && !isFunctionNode(ancestors[index]!)) index--
  const call = ancestors[index - 1]
  if (index < 1 || call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier') return false
  const method = call.callee.property.name
  if (['on', 'once'].includes(method) && call.callee.object.type === 'Identifier' && call.callee.object.name === 'process') return true
  // `main().finally(…)` at the top of the module; the same chain inside a handler runs per request.
  return ['finally', 'then', 'catch'].includes(method) && !ancestors.slice(0, index - 1).some(isFunctionNode)
}

// Before: try { … } catch (e) { … } finally { await prisma.$disconnect() }
// After:  try { … } catch (e) { … }
function finallyDisconnects(text: string, node: TryStatement, parent: Node, name: string, handled: Set<Node>): Range[] {
  const body = node.finalizer!.body
  const disconnects = body.filter((statement) => statement.type === 'ExpressionStatement' && isDisconnectCall(statement.expression, name))
  if (disconnects.length === 0) return []
  if (disconnects.length < body.length) {
    disconnects.forEach((statement) => handled.add(statement))
    return disconnects.map((statement) => statementRange(text, statement))
  }
  const ranges = node.handler ? [[node.handler.end!, node.finalizer!.end!] as Range] : unwrapTry(text, node, parent)
  if (ranges) handled.add(node.finalizer!)
  return ranges ?? []
}

// Before: try {
//           return await prisma.user.findMany()
//         } finally {
//           await prisma.$disconnect()
//         }
// After:  return await prisma.user.findMany()
/** Removes `try {` and `} finally {…}` around a block and dedents it; undefined when that could change meaning or text. */
function unwrapTry(text: string, node: TryStatement, parent: Node): Range[] | undefined {
  const statements = node.block.body
  const first = statements[0]
  const last = statements[statements.length - 1]
  if (!first || !last) return [statementRange(text, node)]
  const declares = statements.some((s) => (s.type === 'VariableDeclaration' && s.kind !== 'var') || s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration')
  const isLast = 'body' in parent && Array.isArray(parent.body) && parent.body[parent.body.length - 1] === node
  if (declares && !isLast) return undefined
  let multilineTemplate = false
  walk(node.block, (child) => void (child.type === 'TemplateLiteral' && text.slice(child.start!, child.end!).includes('\n') && (multilineTemplate = true)))
  if (multilineTemplate) return undefined
  const tryLine = text.lastIndexOf('\n', node.start! - 1) + 1
  const firstContent = Math.min(first.start!, ...(first.leadingComments ?? []).map((c) => c.start!))
  const firstLine = text.lastIndexOf('\n', firstContent - 1) + 1
  const outer = text.slice(tryLine, node.start!)
  const inner = text.slice(firstLine, firstContent)
  if (!/^[ \t]*$/.test(outer) || !/^[ \t]*$/.test(inner) || !inner.startsWith(outer) || inner.length === outer.length) return undefined
  if (text.slice(node.block.start! + 1, firstLine).trim() !== '') return undefined
  const ranges: Range[] = [[tryLine, firstLine], [last.end!, node.end!]]
  const depth = inner.length - outer.length
  for (let line = firstLine; line < last.end!; line = text.indexOf('\n', line) + 1) {
    if (/^[ \t]*$/.test(text.slice(line, line + depth)) && text.slice(line, text.indexOf('\n', line)).trim() !== '') ranges.push([line, line + depth])
    if (text.indexOf('\n', line) === -1) break
  }
  return ranges
}

/** `prisma.$disconnect()` or `await prisma.$disconnect()`. */
function isDisconnectCall(node: Node, name: string): boolean {
  const call = node.type === 'AwaitExpression' ? node.argument : node
  return call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.object.type === 'Identifier' &&
    call.callee.object.name === name && call.callee.property.type === 'Identifier' && call.callee.property.name === '$disconnect'
}

/** `process.on('beforeExit', async () => { await prisma.$disconnect() })` with nothing else in the handler. */
function isExitDisconnect(statement: Statement, name: string): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false
  const { callee, arguments: args } = statement.expression
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'process') return false
  if (callee.property.type !== 'Identifier' || !['on', 'once'].includes(callee.property.name)) return false
  const [event, handler] = args
  if (event?.type !== 'StringLiteral' || !['beforeExit', 'exit'].includes(event.value)) return false
  if (handler?.type !== 'ArrowFunctionExpression' && handler?.type !== 'FunctionExpression') return false
  if (handler.body.type !== 'BlockStatement') return isDisconnectCall(handler.body, name)
  return handler.body.body.length > 0 && handler.body.body.every((s) => s.type === 'ExpressionStatement' && isDisconnectCall(s.expression, name))
}

interface PrismaClientBinding {
  range: Range
  /** The whole import/require statement when PrismaClient was its only binding. */
  whole?: Statement
}

/**
 * The `PrismaClient` import or require binding once no code outside the removed ranges uses it:
 * at the top of the module, or beside a client created in a function (`module.exports = (app) => { const { PrismaClient } = require(…) … }`).
 */
function unusedPrismaClientBinding(text: string, program: Program, strays: readonly StrayClient[], removals: readonly Range[]): PrismaClientBinding | undefined {
  const stillUsed = referencesTo(program, 'PrismaClient').some(({ node, ancestors }) => !within(removals, node.start!) && !ancestors.some((a) => a.type === 'ObjectPattern'))
  if (stillUsed) return undefined
  const statements = [...program.body, ...strays.flatMap((stray) => (stray.scope.type === 'BlockStatement' ? stray.scope.body : []))]
  for (const statement of statements) {
    if (statement.type === 'ImportDeclaration') {
      const index = statement.specifiers.findIndex((s) => s.type === 'ImportSpecifier' && s.local.name === 'PrismaClient')
      if (index === -1) continue
      if (statement.specifiers.length === 1) return { range: statementRange(text, statement), whole: statement }
      return { range: specifierRange(text, statement, index) }
    }
    if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) continue
    const pattern = statement.declarations[0]!.id
    if (pattern.type !== 'ObjectPattern') continue
    const index = pattern.properties.findIndex((p) => p.type === 'ObjectProperty' && p.value.type === 'Identifier' && p.value.name === 'PrismaClient')
    if (index === -1) continue
    if (pattern.properties.length === 1) return { range: statementRange(text, statement), whole: statement }
    return { range: listItemRange(pattern.properties, index) }
  }
  return undefined
}

/** A named specifier with its comma; a default import before the braces keeps its own comma. */
function specifierRange(text: string, statement: ImportDeclaration, index: number): Range {
  const named = statement.specifiers.filter((s): s is ImportSpecifier => s.type === 'ImportSpecifier')
  const specifier = statement.specifiers[index]!
  if (named.length === 1) {
    // import Default, { PrismaClient } from '…' → import Default from '…'
    const previous = statement.specifiers[index - 1]!
    const close = text.indexOf('}', specifier.end!)
    return [previous.end!, close + 1]
  }
  return listItemRange(named, named.indexOf(specifier as ImportSpecifier))
}

/** Names bound at the top of the module. */
function topLevelNames(program: Program): Set<string> {
  const names = new Set<string>()
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement
    if (!declaration) continue
    if (declaration.type === 'ImportDeclaration') declaration.specifiers.forEach((s) => names.add(s.local.name))
    if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) names.add(declaration.id.name)
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) walk(d.id, (node) => void (node.type === 'Identifier' && names.add(node.name)))
    }
  }
  return names
}

/** How the file already binds the singleton's export, if it imports the module. */
function existingBinding(program: Program, target: SingletonImport, resolve: (specifier: string) => string | undefined): { local?: string; specifier: string } | undefined {
  let found: { local?: string; specifier: string } | undefined
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type' && resolve(statement.source.value) === target.path) {
      const specifier = statement.specifiers.find((s) =>
        target.exportName === 'default' ? s.type === 'ImportDefaultSpecifier' : s.type === 'ImportSpecifier' && s.importKind !== 'type' && (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) === target.exportName)
      if (specifier) return { local: specifier.local.name, specifier: statement.source.value }
      found ??= { specifier: statement.source.value }
    }
    if (statement.type !== 'VariableDeclaration') continue
    for (const d of statement.declarations) {
      const init = d.init
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'StringLiteral') continue
      const source = init.arguments[0].value
      if (resolve(source) !== target.path) continue
      if (d.id.type === 'Identifier' && target.exportName === 'default' && !target.esModuleDefault) return { local: d.id.name, specifier: source }
      if (d.id.type === 'ObjectPattern') {
        const property = d.id.properties.find((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === target.exportName && p.value.type === 'Identifier')
        if (property?.type === 'ObjectProperty' && property.value.type === 'Identifier') return { local: property.value.name, specifier: source }
        found ??= { specifier: source }
      }
    }
  }
  return found
}
