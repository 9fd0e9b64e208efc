import type { ClassDeclaration, ClassMethod, Decorator, Node, Program } from '@babel/types'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import type { FunctionNode } from '../shutdown/signals.js'

export type Framework = 'express' | 'hono' | 'fastify' | 'nest'

/** A GET route of a health-ish path and the function that answers it. */
export interface HealthRoute {
  framework: Framework
  /** The route path as the file writes it (`/health`, `/`, `ready`); for Nest, controller and method joined. */
  path: string
  /** `probe`: another health-ish route (`/health/db`, `/status`) that only counts when it checks the database. */
  kind: 'readiness' | 'liveness' | 'probe'
  handler: FunctionNode | ClassMethod
  /** The statement to add a sibling route after (`router.get(…)` at statement level), or the Nest method. */
  anchor: Node | undefined
  /** `router` in `router.get(…)`; the class for Nest. */
  owner: string
  nestClass?: ClassDeclaration
}

const READINESS = /(?:^|\/)(?:ready|readiness|readyz)$/
const LIVENESS = /(?:^|\/)(?:health|healthz|healthcheck|health-check|live|liveness|livez)$/

/** Classifies a route path; '/' counts as liveness inside a router, file or controller named for health. */
export function classifyPath(path: string, context: string): HealthRoute['kind'] | undefined {
  const clean = path.replace(/\/+$/, '')
  if (READINESS.test(clean)) return 'readiness'
  if (LIVENESS.test(clean)) return 'liveness'
  if ((clean === '' || clean === '/') && /health/i.test(context)) return 'liveness'
  if (/health|ready|live|status|ping|\bdb\b|database/i.test(clean)) return 'probe'
  return undefined
}

/** Health and readiness routes of a file: `x.get('/health', …)` (Express, Hono, Fastify) and Nest `@Get()` methods. */
export function findHealthRoutes(file: ParsedFile): HealthRoute[] {
  const routes: HealthRoute[] = []
  const base = imports(file.ast.program)
  walk(file.ast.program, (node, ancestors) => {
    if (node.type === 'ClassDeclaration') {
      routes.push(...nestRoutes(node, file.path))
      return false
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier' || node.callee.property.name !== 'get') return undefined
    const [path, ...rest] = node.arguments
    const handler = rest[rest.length - 1]
    if (path?.type !== 'StringLiteral' || (handler?.type !== 'ArrowFunctionExpression' && handler?.type !== 'FunctionExpression')) return undefined
    const object = node.callee.object
    const owner = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' && object.property.type === 'Identifier' ? object.property.name : ''
    const kind = classifyPath(path.value, `${file.path} ${owner}`)
    if (!kind) return undefined
    const framework = frameworkOf(handler, base)
    if (!framework) return undefined
    const parent = ancestors[ancestors.length - 1]
    const anchor = parent?.type === 'ExpressionStatement' && owner && object.type === 'Identifier' ? parent : undefined
    routes.push({ framework, path: path.value, kind, handler, anchor, owner })
    return undefined
  })
  return routes
}

function frameworkOf(handler: FunctionNode, base: ReadonlySet<string>): Framework | undefined {
  const second = handler.params[1]
  const secondName = second?.type === 'Identifier' ? second.name : ''
  if (base.has('fastify') || /reply/i.test(secondName)) return 'fastify'
  if (base.has('hono') || (handler.params.length === 1 && handler.params[0]?.type === 'Identifier' && handler.params[0].name === 'c')) return 'hono'
  if (base.has('express') || handler.params.length >= 2) return 'express'
  return undefined
}

/** The packages a file imports from, by their first path segment (`@hono/node-server` → hono too). */
function imports(program: Program): Set<string> {
  const found = new Set<string>()
  for (const statement of program.body) {
    let source: string | undefined
    if (statement.type === 'ImportDeclaration') source = statement.source.value
    else if (statement.type === 'VariableDeclaration') {
      const init = statement.declarations[0]?.init
      if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'StringLiteral') source = init.arguments[0].value
    }
    if (!source) continue
    for (const name of ['express', 'hono', 'fastify']) if (source === name || source.startsWith(`${name}/`) || source.startsWith(`@${name}/`) || source.startsWith(`@types/${name}`)) found.add(name)
  }
  return found
}

function nestRoutes(cls: ClassDeclaration, filePath: string): HealthRoute[] {
  const controller = decoratorArgument(cls.decorators, 'Controller')
  if (controller === undefined) return []
  const routes: HealthRoute[] = []
  for (const member of cls.body.body) {
    if (member.type !== 'ClassMethod' || member.kind !== 'method') continue
    const get = decoratorArgument(member.decorators, 'Get')
    if (get === undefined) continue
    const path = [controller, get].filter(Boolean).join('/')
    const kind = classifyPath(path, `${filePath} ${cls.id?.name ?? ''}`)
    if (kind) routes.push({ framework: 'nest', path, kind, handler: member, anchor: member, owner: cls.id?.name ?? '', nestClass: cls })
  }
  return routes
}

/** The string a decorator is called with ('' for none); undefined when the decorator is absent. */
function decoratorArgument(decorators: Decorator[] | null | undefined, name: string): string | undefined {
  for (const decorator of decorators ?? []) {
    const expression = decorator.expression
    if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier' || expression.callee.name !== name) continue
    const arg = expression.arguments[0]
    if (!arg) return ''
    return arg.type === 'StringLiteral' ? arg.value.replace(/^\/+|\/+$/g, '') : undefined
  }
  return undefined
}

const DIRECT_CHECK = /\$(?:queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|connect|runCommandRaw)\b|\b(?:prisma|db|client)\.\w+\.(?:count|findFirst|findMany)\s*\(/
const CHECK_NAME = /health|check|ping/i

/** Source text of a function the handler calls by name, or undefined when it cannot be found. */
export type ResolveCall = (name: string) => string | undefined

/**
 * Whether a handler touches the database: a raw query or a model read, or a call to a health or
 * check function that does (followed through `resolve`; one that cannot be followed counts).
 * Comments do not count.
 */
export function checksDatabase(file: ParsedFile, handler: Node, resolve?: ResolveCall): boolean {
  const code = codeOf(file, bodyStart(handler), handler.end!)
  if (DIRECT_CHECK.test(code)) return true
  let found = false
  walk(handler, (node) => {
    if (found || node.type !== 'CallExpression') return found ? false : undefined
    const callee = node.callee
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined
    if (!name || !CHECK_NAME.test(name)) return undefined
    const source = callee.type === 'Identifier' && resolve ? resolve(name) : undefined
    found = source === undefined || DIRECT_CHECK.test(source) || /(?:database|db|prisma)\w*\s*\(/i.test(source)
    return undefined
  })
  return found
}

/** The file's text between two offsets with comments blanked out. */
export function codeOf(file: ParsedFile, start: number, end: number): string {
  let code = file.text.slice(start, end)
  for (const comment of file.ast.comments ?? []) {
    if (comment.start! < start || comment.end! > end) continue
    code = code.slice(0, comment.start! - start) + ' '.repeat(comment.end! - comment.start!) + code.slice(comment.end! - start)
  }
  return code
}

/** Where the handler's code starts (after its decorators and parameters). */
export function bodyStart(handler: Node): number {
  const body = (handler as { body?: Node }).body
  return body?.start ?? handler.start!
}
