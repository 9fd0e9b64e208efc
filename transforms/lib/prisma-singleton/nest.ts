import { posix } from 'node:path'
import type { ClassBody, ClassDeclaration, ClassMethod, ClassProperty, NewExpression, Node } from '@babel/types'
import MagicString from 'magic-string'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile, TransformContext } from '../../../src/types.js'
import { addImport, importStatement, type ImportRequest } from '../imports.js'
import type { PrismaSingleton } from '../prisma.js'

/** A class field `private prisma = new PrismaClient()` in a NestJS provider, to become an injected PrismaService. */
export interface NestField {
  property: ClassProperty
  body: ClassBody
  name: string
  /** The class holding the field. */
  className: string
}

const PROVIDER_DECORATORS = new Set(['Injectable', 'Controller', 'Resolver', 'WebSocketGateway', 'Processor'])

/** The field a `new PrismaClient()` initialises, when it is a plain instance field of a Nest provider class. */
export function nestField(node: NewExpression, ancestors: readonly Node[]): NestField | undefined {
  const property = ancestors[ancestors.length - 1]
  const body = ancestors[ancestors.length - 2]
  const owner = ancestors[ancestors.length - 3]
  if (property?.type !== 'ClassProperty' || property.value !== node || property.static || property.computed || property.key.type !== 'Identifier') return undefined
  if (body?.type !== 'ClassBody' || owner?.type !== 'ClassDeclaration' || node.arguments.length > 0) return undefined
  if (!isProvider(owner) || !owner.id) return undefined
  return { property, body, name: property.key.name, className: owner.id.name }
}

function isProvider(owner: ClassDeclaration): boolean {
  return (owner.decorators ?? []).some((decorator) => {
    const callee = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression
    return callee.type === 'Identifier' && PROVIDER_DECORATORS.has(callee.name)
  })
}

/**
 * Whether every module can inject the Prisma service without importing its module: a `@Global()`
 * module beside the service provides it. Otherwise injecting it would fail when Nest starts.
 */
export function isGlobalService(ctx: TransformContext, service: PrismaSingleton): boolean {
  const dir = posix.dirname(service.path)
  return ctx.files.some((path) => {
    if (posix.dirname(path) !== dir || !/\.module\.[cm]?[jt]s$/.test(path)) return false
    const text = ctx.read(path) ?? ''
    return /@Global\(\)/.test(text) && text.includes(service.localName)
  })
}

/**
 * Why a class must keep its own client for now, if it must: code that builds it with `new`
 * (which would then have to pass the service), or tests that mock PrismaClient for it (they would
 * lose their mock and miss a provider). Such a field is reported instead.
 */
export function injectionBlocker(ctx: TransformContext, className: string, ownPath: string): string | undefined {
  const construct = new RegExp(String.raw`\bnew\s+${className}\s*\(`)
  for (const path of ctx.glob(['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'])) {
    if (path === ownPath) continue
    const text = ctx.read(path)
    if (!text?.includes(className)) continue
    if (construct.test(text)) return `${path} builds ${className} with new`
    if (/\.(?:spec|test|e2e-spec)\.[cm]?[jt]sx?$/.test(path) && /PrismaClient/.test(text) && /jest\.mock|vi\.mock/.test(text)) return `${path} mocks PrismaClient for ${className}`
  }
  return undefined
}

// Before: private prisma = new PrismaClient()
// After:  constructor(private readonly prisma: PrismaService) {}   (or a parameter added to the existing constructor)
/** Rewrites the fields to constructor injection of the service, imports it, and drops PrismaClient's import when unused. */
export function injectService(file: ParsedFile, fields: readonly NestField[], service: PrismaSingleton, specifier: string): string {
  const { text } = file
  const edit = new MagicString(text)
  const type = service.localName
  for (const { property, body, name } of fields) {
    const parameter = `private readonly ${name}: ${type}`
    const constructor = body.body.find((member): member is ClassMethod => member.type === 'ClassMethod' && member.kind === 'constructor')
    const [from, lineEnd] = lineRange(text, property.start!, property.end!)
    // The field was the class's first member: the blank line after it goes too.
    const blank = text.slice(0, from).trimEnd().endsWith('{') ? /^[ \t]*\r?\n/.exec(text.slice(lineEnd))?.[0].length ?? 0 : 0
    const to = lineEnd + blank
    if (!constructor) {
      edit.overwrite(property.start!, property.end!, `constructor(${parameter}) {}`)
      continue
    }
    edit.remove(from, to)
    const first = constructor.params[0]
    if (!first) {
      const open = text.indexOf('(', constructor.key.end!)
      edit.appendLeft(open + 1, parameter)
    } else {
      const open = text.lastIndexOf('(', first.start!)
      const multiline = text.slice(open, first.start!).includes('\n')
      const indent = multiline ? text.slice(text.lastIndexOf('\n', first.start!) + 1, first.start!) : ' '
      edit.appendLeft(first.start!, multiline ? `${parameter},\n${indent}` : `${parameter},${indent}`)
    }
  }
  const request: ImportRequest = { name: type, imported: service.exportName === 'default' ? 'default' : service.exportName, specifier }
  // A PrismaClient import that has become unused gives its place to the service's import.
  if (!removeUnusedPrismaClient(file, fields, edit, importStatement(file, 'esm', request))) addImport(edit, file, 'esm', request)
  return edit.toString()
}

/** The whole line(s) of a member when nothing else stands on them, else just the member. */
function lineRange(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const lineEnd = text.indexOf('\n', end)
  const before = text.slice(lineStart, start)
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd)
  if (before.trim() === '' && /^\s*;?\s*$/.test(after)) return [lineStart, lineEnd === -1 ? text.length : lineEnd + 1]
  return [start, end]
}

/** Drops PrismaClient from its import when nothing uses it any more; returns true when `replacement` took the import's place. */
function removeUnusedPrismaClient(file: ParsedFile, fields: readonly NestField[], edit: MagicString, replacement: string): boolean {
  const removed = fields.map(({ property }) => [property.start!, property.end!] as const)
  let used = false
  walk(file.ast.program, (node) => {
    if (node.type === 'ImportDeclaration') return false
    if (removed.some(([from, to]) => node.start! >= from && node.end! <= to)) return false
    if (node.type === 'Identifier' && node.name === 'PrismaClient') used = true
    return undefined
  })
  if (used) return false
  let replaced = false
  for (const statement of file.ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue
    const index = statement.specifiers.findIndex((s) => s.type === 'ImportSpecifier' && s.local.name === 'PrismaClient')
    if (index === -1) continue
    if (statement.specifiers.length === 1 && !replaced) {
      edit.overwrite(statement.start!, statement.end!, replacement)
      replaced = true
    } else if (statement.specifiers.length === 1) {
      const [from, to] = lineRange(file.text, statement.start!, statement.end!)
      edit.remove(from, to)
    } else {
      const specifier = statement.specifiers[index]!
      const next = statement.specifiers[index + 1]
      const previous = statement.specifiers[index - 1]
      if (next) edit.remove(specifier.start!, next.start!)
      else edit.remove(previous!.end!, specifier.end!)
    }
  }
  return replaced
}
