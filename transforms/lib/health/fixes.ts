import type { ClassDeclaration, ClassMethod, Node, VariableDeclarator } from '@babel/types'
import type MagicString from 'magic-string'
import { lineAt, walk } from '../../../src/engine/ast.js'
import type { Finding, ParsedFile, TransformContext } from '../../../src/types.js'
import { addImport, importSpecifier, moduleSyntax } from '../imports.js'
import { findPrismaSingleton, isPrismaConstruction, listSingletonCandidates, type PrismaSingleton } from '../prisma.js'
import { findDatabaseAccess, importAccess, localClient, type DatabaseAccess } from '../shutdown/client.js'
import { indentAt, makeAsync, removeDatabaseTodos, styleOf } from '../shutdown/rewrite.js'
import type { FunctionNode } from '../shutdown/signals.js'
import { block, healthyExpression, readinessCheck, readinessStatements } from './render.js'
import { checksDatabase, type HealthRoute } from './routes.js'

const resolved = new WeakMap<MagicString, Map<string, DatabaseAccess | undefined>>()

/**
 * How a route of `file` reaches the database; the first use adds what the access needs to the
 * file (the helper's or singleton's import, a Nest constructor injection) exactly once.
 */
export function healthAccess(ctx: TransformContext, file: ParsedFile, route: HealthRoute, edit: MagicString): DatabaseAccess | undefined {
  const memo = resolved.get(edit) ?? new Map<string, DatabaseAccess | undefined>()
  resolved.set(edit, memo)
  const key = `${route.framework}:${route.owner}`
  if (memo.has(key)) return memo.get(key)
  const access = route.nestClass ? nestAccess(ctx, file, route.nestClass, edit) : findDatabaseAccess(ctx, file, 'health', route.framework === 'fastify' ? route.owner : undefined)
  if (access && !route.nestClass) importAccess(ctx, file, access, edit)
  memo.set(key, access)
  return access
}

function nestAccess(ctx: TransformContext, file: ParsedFile, cls: ClassDeclaration, edit: MagicString): DatabaseAccess | undefined {
  const general = findDatabaseAccess(ctx, file, 'health')
  if (general?.kind === 'helper') {
    importAccess(ctx, file, general, edit)
    return general
  }
  const service = nestService(ctx, file.path) ?? findPrismaSingleton(ctx, { near: file.path })
  const constructor = cls.body.body.find((m): m is ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor')
  for (const param of constructor?.params ?? []) {
    if (param.type !== 'TSParameterProperty' || param.parameter.type !== 'Identifier') continue
    const annotation = param.parameter.typeAnnotation
    const type = annotation?.type === 'TSTypeAnnotation' && annotation.typeAnnotation.type === 'TSTypeReference' && annotation.typeAnnotation.typeName.type === 'Identifier' ? annotation.typeAnnotation.typeName.name : ''
    if ((service?.kind === 'nest-service' && type === service.localName) || /^Prisma(?:Service)?$/.test(type)) return { kind: 'client', expression: `this.${param.parameter.name}` }
  }
  if (!service || service.kind !== 'nest-service' || service.path === file.path) return general
  // Before: export class HealthController {
  // After:  export class HealthController {
  //           constructor(private readonly prisma: PrismaService) {}
  const style = styleOf(file)
  const name = service.exportName === 'default' ? service.localName : service.exportName
  const property = `private readonly prisma: ${name}`
  if (constructor) {
    const last = constructor.params[constructor.params.length - 1]
    if (last) edit.appendLeft(last.end!, `, ${property}`)
    else edit.appendLeft(constructor.body.start! - 2, property)
  } else {
    const first = cls.body.body[0]
    const indent = first ? indentAt(file.text, first.start!) : `${indentAt(file.text, cls.start!)}${style.indent}`
    edit.appendLeft(cls.body.start! + 1, `\n${indent}constructor(${property}) {}\n`)
  }
  addImport(edit, file, moduleSyntax(file, ctx.project), { name, imported: service.exportName, specifier: importSpecifier(ctx.project, file, service.path) })
  return { kind: 'client', expression: 'this.prisma' }
}

/**
 * The package's NestJS PrismaService. Listed directly because the singleton finder leaves out
 * `prisma/` folders (seed scripts live there), where Nest projects also keep `prisma.service.ts`.
 */
function nestService(ctx: TransformContext, near: string): PrismaSingleton | undefined {
  const dir = ctx.project.packageOf(near)?.dir ?? ''
  return listSingletonCandidates(ctx).find((candidate) => candidate.kind === 'nest-service' && candidate.packageDir === dir && !/\.(?:spec|test)\.[cm]?[jt]s$/.test(candidate.path))
}

/** A `const dbHealthy = true` placeholder inside a handler. */
export interface Placeholder {
  declarator: VariableDeclarator
  name: string
}

/** The handler's `const dbHealthy = true` (a database-named flag hard-wired to true), if any. */
export function findPlaceholder(file: ParsedFile, handler: Node): Placeholder | undefined {
  let found: Placeholder | undefined
  walk(handler, (node) => {
    if (found) return false
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && /db|database|prisma/i.test(node.id.name) && node.init?.type === 'BooleanLiteral' && node.init.value) {
      found = { declarator: node, name: node.id.name }
    }
    return undefined
  })
  return found && file.text.slice(found.declarator.start!, found.declarator.end!) ? found : undefined
}

// Before: // TODO: Add actual database health check
//         const dbHealthy = true; // Placeholder
// After:  const dbHealthy = (await checkDatabaseHealth()).healthy;
/** Replaces a hard-wired `true` with the real check and drops the TODO and placeholder comments around it. */
export function replacePlaceholder(edit: MagicString, file: ParsedFile, route: HealthRoute, placeholder: Placeholder, access: DatabaseAccess): void {
  const init = placeholder.declarator.init!
  edit.overwrite(init.start!, init.end!, healthyExpression(access))
  makeAsync(edit, route.handler as FunctionNode | ClassMethod)
  removeDatabaseTodos(edit, file, route.handler)
  const declarationLine = lineAt(file.text, placeholder.declarator.start!)
  for (const comment of file.ast.comments ?? []) {
    if (comment.type !== 'CommentLine' || lineAt(file.text, comment.start!) !== declarationLine || !/placeholder|hard-?coded|fake|always/i.test(comment.value)) continue
    let start = comment.start!
    while (start > 0 && (file.text[start - 1] === ' ' || file.text[start - 1] === '\t')) start--
    edit.remove(start, comment.end!)
  }
}

// Before: router.get('/health/ready', (req, res) => { res.json({ status: 'ready' }) })
// After:  router.get('/health/ready', async (req, res) => { const healthy = …; res.status(healthy ? 200 : 503).json(…) })
/** Replaces the body of a readiness handler that never touches the database with a real check. */
export function rewriteReadiness(edit: MagicString, file: ParsedFile, route: HealthRoute, access: DatabaseAccess): void {
  const style = styleOf(file)
  const handler = route.handler
  const indent = indentAt(file.text, handler.type === 'ClassMethod' ? handler.key.start! : (route.anchor?.start ?? handler.start!))
  const names = { response: responseName(file, route, edit) }
  const statements = readinessStatements(route.framework, readinessCheck(access, style), names, style)
  edit.overwrite(handler.body.start!, handler.body.end!, block(statements, indent, style))
  makeAsync(edit, handler as FunctionNode | ClassMethod)
  if (route.framework === 'nest') addImport(edit, file, 'esm', { name: 'ServiceUnavailableException', specifier: '@nestjs/common' })
}

/** The parameter the response goes through, adding it when the handler does not declare it. */
function responseName(file: ParsedFile, route: HealthRoute, edit: MagicString): string {
  const handler = route.handler
  if (route.framework === 'nest') return ''
  const index = route.framework === 'hono' ? 0 : 1
  const param = handler.params[index]
  if (param?.type === 'Identifier') return param.name
  const fallback = route.framework === 'hono' ? 'c' : route.framework === 'fastify' ? 'reply' : 'res'
  const params = route.framework === 'hono' ? 'c' : `_request, ${fallback}`
  const fn = handler as FunctionNode
  const open = fn.params[0] ? fn.params[0].start! : file.text.indexOf('(', fn.start!) + 1
  const close = fn.params.length ? fn.params[fn.params.length - 1]!.end! : open
  if (fn.type === 'ArrowFunctionExpression' && fn.params.length === 1 && file.text[fn.start!] !== '(') edit.overwrite(fn.params[0]!.start!, fn.params[0]!.end!, `(${params})`)
  else if (close > open) edit.overwrite(open, close, params)
  else edit.appendLeft(open, params)
  return fallback
}

// Before: router.get('/health', (_req, res) => res.json({ status: 'ok' }))
// After:  router.get('/health', (_req, res) => res.json({ status: 'ok' }))
//
//         router.get('/health/ready', async (_req, res) => { … res.status(healthy ? 200 : 503).json(…) })
/** Adds a readiness route beside a liveness-only one, in the same framework style; whether it did. */
export function addReadinessRoute(edit: MagicString, file: ParsedFile, liveness: HealthRoute, access: DatabaseAccess): boolean {
  const style = styleOf(file)
  const anchor = liveness.anchor!
  const q = style.quote
  const indent = indentAt(file.text, anchor.start!)
  // A blank line between routes only where the file already separates them so.
  const after = file.text.slice(anchor.end!)
  const gap = /^[ \t]*(?:\r?\n[ \t]*\r?\n|\r?\n[ \t]*[})\]]|$)/.test(after) ? '\n\n' : '\n'
  if (liveness.framework === 'nest') {
    const taken = new Set(liveness.nestClass!.body.body.map((m) => (m.type === 'ClassMethod' && m.key.type === 'Identifier' ? m.key.name : '')))
    const name = ['ready', 'readiness', 'checkReadiness'].find((n) => !taken.has(n))
    if (!name) return false
    const path = liveness.path.startsWith(controllerPrefix(liveness)) && controllerPrefix(liveness) ? 'ready' : `${methodPath(liveness)}/ready`.replace(/^\/+/, '')
    const statements = readinessStatements('nest', readinessCheck(access, style), { response: '' }, style)
    edit.appendLeft(anchor.end!, `\n\n${indent}@Get(${q}${path}${q})\n${indent}async ${name}() ${block(statements, indent, style)}`)
    addImport(edit, file, 'esm', { name: 'ServiceUnavailableException', specifier: '@nestjs/common' })
    return true
  }
  const handler = liveness.handler as FunctionNode
  const path = readinessPath(liveness.path)
  const names = paramNames(liveness.framework, handler)
  const statements = readinessStatements(liveness.framework, readinessCheck(access, style), { response: names.response }, style)
  const params = liveness.framework === 'hono' ? names.response : `${names.request}, ${names.response}`
  edit.appendLeft(anchor.end!, `${gap}${indent}${liveness.owner}.get(${q}${path}${q}, async (${params}) => ${block(statements, indent, style)})${style.semi}`)
  return true
}

function controllerPrefix(route: HealthRoute): string {
  const decorator = route.nestClass?.decorators?.find((d) => d.expression.type === 'CallExpression' && d.expression.callee.type === 'Identifier' && d.expression.callee.name === 'Controller')
  const arg = decorator?.expression.type === 'CallExpression' ? decorator.expression.arguments[0] : undefined
  return arg?.type === 'StringLiteral' ? arg.value.replace(/^\/+|\/+$/g, '') : ''
}

function methodPath(route: HealthRoute): string {
  const prefix = controllerPrefix(route)
  return prefix && route.path.startsWith(`${prefix}/`) ? route.path.slice(prefix.length + 1) : route.path
}

/** `/health` → `/health/ready`, `/healthz` → `/readyz`, `/` → `/ready`. */
function readinessPath(liveness: string): string {
  const clean = liveness.replace(/\/+$/, '')
  if (clean === '') return '/ready'
  if (/healthz$/.test(clean)) return clean.replace(/healthz$/, 'readyz')
  if (/(?:live|liveness|livez)$/.test(clean)) return clean.replace(/(?:live|liveness|livez)$/, 'ready')
  return `${clean}/ready`
}

function paramNames(framework: HealthRoute['framework'], handler: FunctionNode): { request: string; response: string } {
  const name = (i: number): string | undefined => (handler.params[i]?.type === 'Identifier' ? (handler.params[i] as { name: string }).name : undefined)
  if (framework === 'hono') return { request: '', response: name(0) ?? 'c' }
  const request = name(0) ?? (framework === 'fastify' ? 'request' : 'req')
  return { request: request.startsWith('_') ? request : `_${request}`, response: name(1) ?? (framework === 'fastify' ? 'reply' : 'res') }
}

/** A health route that pings on a client of its own (made in the handler, or a stray client of the file): a leak, not a placeholder. */
export function privateClientFinding(ctx: TransformContext, file: ParsedFile, routes: readonly HealthRoute[]): Finding | undefined {
  const local = localClient(file.ast.program)
  const singleton = local ? findPrismaSingleton(ctx, { near: file.path }) : undefined
  for (const route of routes) {
    let creates = false
    walk(route.handler, (node, ancestors) => {
      if (isPrismaConstruction(node, ancestors)) creates = true
      return creates ? false : undefined
    })
    const straysHere = local !== undefined && singleton !== undefined && singleton.path !== file.path && checksDatabase(file, route.handler) && new RegExp(String.raw`\b${local}\.\$`).test(file.text.slice(route.handler.start!, route.handler.end!))
    if (creates || straysHere) {
      return { path: file.path, line: lineAt(file.text, route.handler.start!), message: `${route.path} pings the database on a PrismaClient of its own (a pool per ${creates ? 'request' : 'module'}); check through the shared client instead` }
    }
  }
  return undefined
}
