import type { Node, Program } from '@babel/types'
import type MagicString from 'magic-string'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile, TransformContext } from '../../../src/types.js'
import { findDatabaseHelpers, type DatabaseHelper } from '../health/database-helpers.js'
import { addImport, importSpecifier, moduleSyntax, resolveImport } from '../imports.js'
import { findPrismaSingleton, isPrismaConstruction } from '../prisma.js'
import { fileSetOf } from '../sorted-files.js'

/** How a file reaches the database: a call to the project's helper, or a client expression. */
export type DatabaseAccess =
  | { kind: 'helper'; helper: DatabaseHelper; name: string; needsImport: boolean }
  | { kind: 'client'; expression: string; importFrom?: { path: string; exportName: string; name: string; specifier?: string } }

/**
 * Finds how `file` should reach the database for `purpose`: the project's own helper first
 * (`disconnectDatabase()`, `checkDatabaseHealth()`), then a client the file already binds
 * (a local client, the imported singleton, Fastify's `decorate('prisma')`), then the singleton
 * to import. Undefined when the project has none of these.
 */
export function findDatabaseAccess(ctx: TransformContext, file: ParsedFile, purpose: DatabaseHelper['kind'], fastifyInstance?: string): DatabaseAccess | undefined {
  const packageDir = ctx.project.packageOf(file.path)?.dir ?? ''
  const inPackage = (path: string): boolean => packageDir === '' || path.startsWith(`${packageDir}/`)
  const helper = findDatabaseHelpers(ctx).find((h) => h.kind === purpose && inPackage(h.path) && h.path !== file.path)
  const exists = fileExists(ctx)
  if (helper) {
    const bound = importedBinding(ctx, file, helper.path, helper.name, exists)
    return { kind: 'helper', helper, name: bound ?? helper.name, needsImport: bound === undefined }
  }
  const local = localClient(file.ast.program)
  if (local) return { kind: 'client', expression: local }
  const decorated = fastifyInstance ?? decoratedInstance(file.ast.program)
  if (decorated && packageDecoratesPrisma(ctx, packageDir)) return { kind: 'client', expression: `${decorated}.prisma` }
  const singleton = findPrismaSingleton(ctx, { near: file.path })
  if (!singleton || singleton.kind !== 'client' || singleton.path === file.path) return undefined
  const bound = importedBinding(ctx, file, singleton.path, singleton.exportName, exists)
  if (bound) return { kind: 'client', expression: bound }
  const name = singleton.localName === 'default' ? 'prisma' : singleton.localName
  // A singleton in a workspace package is imported by the package's name, not by a path across packages.
  return { kind: 'client', expression: name, importFrom: { path: singleton.path, exportName: singleton.exportName, name, specifier: singleton.importFrom } }
}

/** Adds the import the access needs (extending an existing import of the same module). */
export function importAccess(ctx: TransformContext, file: ParsedFile, access: DatabaseAccess, edit: MagicString): void {
  const target: { path: string; exportName: string; name: string; specifier?: string } | undefined =
    access.kind === 'helper' ? (access.needsImport ? { path: access.helper.path, exportName: access.helper.name, name: access.name } : undefined) : access.importFrom
  if (!target) return
  // Extending the module's existing import keeps its specifier as written (alias, extension).
  const specifier = target.specifier ?? existingSpecifier(ctx, file, target.path) ?? importSpecifier(ctx.project, file, target.path)
  addImport(edit, file, moduleSyntax(file, ctx.project), { name: target.name, imported: target.exportName, specifier })
}

function existingSpecifier(ctx: TransformContext, file: ParsedFile, target: string): string | undefined {
  const exists = fileExists(ctx)
  for (const statement of file.ast.program.body) {
    const source = statement.type === 'ImportDeclaration' && statement.importKind !== 'type' ? statement.source.value : requireSource(statement)
    if (source && resolveImport(ctx.project, file.path, source, exists) === target) return source
  }
  return undefined
}

function requireSource(statement: Node): string | undefined {
  if (statement.type !== 'VariableDeclaration') return undefined
  const init = statement.declarations[0]?.init
  return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'StringLiteral' ? init.arguments[0].value : undefined
}

/** The call expression that disconnects, or runs `SELECT 1`, through an access. */
export function accessCall(access: DatabaseAccess, purpose: DatabaseHelper['kind']): string {
  if (access.kind === 'helper') return `${access.name}()`
  return purpose === 'disconnect' ? `${access.expression}.$disconnect()` : `${access.expression}.$queryRaw\`SELECT 1\``
}

/** The local name under which `file` already imports `exportName` of `target`, if it does. */
function importedBinding(ctx: TransformContext, file: ParsedFile, target: string, exportName: string, exists: (path: string) => boolean): string | undefined {
  for (const statement of file.ast.program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type' || resolveImport(ctx.project, file.path, statement.source.value, exists) !== target) continue
      for (const s of statement.specifiers) {
        if (s.type === 'ImportDefaultSpecifier' && exportName === 'default') return s.local.name
        if (s.type === 'ImportSpecifier' && s.importKind !== 'type' && (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) === exportName) return s.local.name
      }
    }
    if (statement.type !== 'VariableDeclaration') continue
    for (const d of statement.declarations) {
      const init = d.init
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'StringLiteral') continue
      if (resolveImport(ctx.project, file.path, init.arguments[0].value, exists) !== target) continue
      if (d.id.type === 'Identifier' && exportName === 'default') return d.id.name
      if (d.id.type !== 'ObjectPattern') continue
      for (const p of d.id.properties) {
        if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === exportName && p.value.type === 'Identifier') return p.value.name
      }
    }
  }
  return undefined
}

/** A top-level binding the file initialises with `new PrismaClient(…)` (possibly behind a global cache). */
export function localClient(program: Program): string | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.init && constructs(d.init)) return d.id.name
    }
  }
  return undefined
}

function constructs(node: Node): boolean {
  let found = false
  walk(node, (child, ancestors) => {
    if (found || child.type === 'ArrowFunctionExpression' || child.type === 'FunctionExpression') return false
    if (isPrismaConstruction(child, ancestors)) found = true
    return undefined
  })
  return found
}

/** `fastify.decorate('prisma', …)` in this file: the instance name. */
function decoratedInstance(program: Program): string | undefined {
  let instance: string | undefined
  walk(program, (node) => {
    if (instance) return false
    if (isDecoratePrisma(node) && node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier') instance = node.callee.object.name
    return undefined
  })
  return instance
}

function isDecoratePrisma(node: Node): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'decorate' && node.arguments[0]?.type === 'StringLiteral' && node.arguments[0].value === 'prisma'
}

/** Whether some file of the package decorates the Fastify instance with `prisma`. */
export function packageDecoratesPrisma(ctx: TransformContext, packageDir: string): boolean {
  const prefix = packageDir ? `${packageDir}/` : ''
  return ctx.filesContaining('decorate').some((path) => path.startsWith(prefix) && /\.[cm]?[jt]s$/.test(path) && /decorate\(\s*['"]prisma['"]/.test(ctx.read(path) ?? ''))
}

function fileExists(ctx: TransformContext): (path: string) => boolean {
  const files = fileSetOf(ctx.files)
  return (path) => files.has(path)
}
