import type { ArrowFunctionExpression, FunctionDeclaration, FunctionExpression, Node, Program } from '@babel/types'
import picomatch from 'picomatch'
import { walk } from '../../../src/engine/ast.js'
import type { TransformContext } from '../../../src/types.js'
import { NON_RUNTIME_FILES } from '../globs.js'

/** A function the project exports to manage its database connection (`disconnectDatabase()`, `checkDatabaseHealth()`). */
export interface DatabaseHelper {
  /** Repo-relative module that exports it. */
  path: string
  name: string
  kind: 'disconnect' | 'health'
  /** For health helpers: whether it resolves to `{ healthy, … }` or to a boolean. */
  returns?: 'object' | 'boolean'
}

/** What a helper's body holds; each is one of PRISMA_LOOKUPS. */
const HELPER_HINTS = ['$disconnect', '$queryRaw', '$executeRaw']

/**
 * The project's own database helpers: exported functions whose body disconnects the client, or
 * runs a raw query under a health-ish name. Scripts, tests and seeds are not looked at.
 */
export function findDatabaseHelpers(ctx: Pick<TransformContext, 'filesContaining' | 'read' | 'parse'>): DatabaseHelper[] {
  let helpers = cache.get(ctx)
  if (!helpers) {
    helpers = scanHelpers(ctx, NON_RUNTIME_FILES)
    cache.set(ctx, helpers)
  }
  return helpers
}

const cache = new WeakMap<object, DatabaseHelper[]>()

function scanHelpers(ctx: Pick<TransformContext, 'filesContaining' | 'read' | 'parse'>, exclude: readonly string[]): DatabaseHelper[] {
  const excluded = picomatch(exclude as string[], { dot: true })
  const helpers: DatabaseHelper[] = []
  for (const path of [...new Set(HELPER_HINTS.flatMap((hint) => ctx.filesContaining(hint)))].sort()) {
    if (excluded(path)) continue
    const text = ctx.read(path)
    if (!text) continue
    const file = ctx.parse(path)
    if (!file) continue
    for (const [name, fn] of exportedFunctions(file.ast.program)) {
      const body = text.slice(fn.start!, fn.end!)
      if (/\.\$disconnect\s*\(/.test(body) && /disconnect|close/i.test(name)) helpers.push({ path, name, kind: 'disconnect' })
      else if (/\$(?:queryRaw|executeRaw)/.test(body) && /health|check|ping|alive|ready/i.test(name)) {
        const returns = healthReturnShape(fn)
        if (returns) helpers.push({ path, name, kind: 'health', returns })
      }
    }
  }
  return helpers
}

type FunctionNode = FunctionDeclaration | ArrowFunctionExpression | FunctionExpression

/** Top-level functions exported by name: `export function`, `export const f = () =>`, `module.exports = { f }`, `exports.f = f`. */
function exportedFunctions(program: Program): Array<[string, FunctionNode]> {
  const local = new Map<string, FunctionNode>()
  const exported: Array<[string, FunctionNode]> = []
  const declare = (statement: Node, isExported: boolean): void => {
    if (statement.type === 'FunctionDeclaration' && statement.id) {
      local.set(statement.id.name, statement)
      if (isExported) exported.push([statement.id.name, statement])
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type !== 'Identifier' || (d.init?.type !== 'ArrowFunctionExpression' && d.init?.type !== 'FunctionExpression')) continue
        local.set(d.id.name, d.init)
        if (isExported) exported.push([d.id.name, d.init])
      }
    }
  }
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) declare(statement.declaration, true)
    else declare(statement, false)
  }
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) {
      for (const s of statement.specifiers) {
        if (s.type === 'ExportSpecifier' && s.exported.type === 'Identifier' && local.has(s.local.name)) exported.push([s.exported.name, local.get(s.local.name)!])
      }
    }
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue
    const { left, right } = statement.expression
    if (left.type !== 'MemberExpression' || left.property.type !== 'Identifier') continue
    const target = left.object.type === 'Identifier' ? left.object.name : undefined
    const isModuleExports = target === 'module' && left.property.name === 'exports'
    if (isModuleExports && right.type === 'ObjectExpression') {
      for (const p of right.properties) {
        if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier' && local.has(p.value.name)) exported.push([p.key.name, local.get(p.value.name)!])
      }
    } else if (target === 'exports' && right.type === 'Identifier' && local.has(right.name)) {
      exported.push([left.property.name, local.get(right.name)!])
    }
  }
  return exported
}

/** Whether a health helper resolves to an object with `healthy` or to a plain boolean; undefined when unclear. */
function healthReturnShape(fn: FunctionNode): 'object' | 'boolean' | undefined {
  const shapes = new Set<'object' | 'boolean' | 'other'>()
  const visit = (node: Node): void => {
    if (node.type === 'ReturnStatement' && node.argument) {
      const value = node.argument
      if (value.type === 'BooleanLiteral') shapes.add('boolean')
      else if (value.type === 'ObjectExpression' && value.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'healthy')) shapes.add('object')
      else shapes.add('other')
    }
  }
  if (fn.body.type !== 'BlockStatement') return undefined
  walk(fn.body, (node) => {
    // Returns of nested callbacks are not the helper's own.
    if (node !== fn.body && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')) return false
    visit(node)
  })
  return shapes.size === 1 && !shapes.has('other') ? [...shapes][0] as 'object' | 'boolean' : undefined
}

/** Whether the project uses Prisma: a package.json depends on it, a schema exists, or a source file uses the client. */
export function usesPrisma(ctx: Pick<TransformContext, 'files' | 'read' | 'filesContaining'>): boolean {
  for (const path of ctx.files) {
    if (!/(?:^|\/)package\.json$/.test(path) || path.includes('node_modules/')) continue
    const text = ctx.read(path)
    if (text && /"(?:@prisma\/client|prisma)"\s*:/.test(text)) return true
  }
  if (ctx.files.some((path) => path.endsWith('schema.prisma'))) return true
  return ctx.filesContaining('@prisma/client').length > 0 || ctx.filesContaining('PrismaClient').some((path) => /\bPrismaClient\b/.test(ctx.read(path) ?? ''))
}
