import type { BlockStatement, NewExpression, Node, Program, VariableDeclaration, VariableDeclarator } from '@babel/types'
import { lineAt, walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import { isFunctionNode, isPrismaConstruction, type PrismaSingleton } from '../prisma.js'
import { nestField, type NestField } from './nest.js'
import { isReference } from './references.js'

/** A `const x = new PrismaClient()` that can become an import of the singleton. */
export interface StrayClient {
  construction: NewExpression
  declaration: VariableDeclaration
  declarator: VariableDeclarator
  name: string
  /** Where `name` is visible: the program for a module-level client, else the enclosing block (a client per call). */
  scope: Program | BlockStatement
}

export type Verdict =
  | { kind: 'rewrite'; stray: StrayClient }
  | { kind: 'inject'; field: NestField }
  | { kind: 'finding' | 'note'; line: number; message: string; decorated?: boolean }

export interface StrayContext {
  singleton: PrismaSingleton | undefined
  /** Whether the file's package runs on Cloudflare Workers. */
  workers: boolean
  /** Whether the file's PrismaClient comes from the same generated client as the singleton's. */
  sameClient: boolean
  /** The file's PrismaClient import source. */
  clientSource: string | undefined
  /** Whether the singleton is a Nest service every module can inject (its module is @Global). */
  injectable: boolean
}

const SHAREABLE_OPTIONS = new Set(['log', 'errorFormat'])
const DATASOURCE_OPTIONS = new Set(['datasources', 'datasourceUrl', 'adapter'])

/** What to do with each `new PrismaClient(…)` of a file that is neither the singleton nor a seed, test or script. */
export function judgeConstructions(file: ParsedFile, context: StrayContext): Verdict[] {
  const verdicts: Verdict[] = []
  walk(file.ast.program, (node, ancestors) => {
    if (node.type !== 'NewExpression' || !isPrismaConstruction(node, ancestors)) return
    verdicts.push(judge(file, node, ancestors, context))
  })
  return verdicts
}

function judge(file: ParsedFile, node: NewExpression, ancestors: readonly Node[], context: StrayContext): Verdict {
  const line = lineAt(file.text, node.start!)
  const finding = (message: string): Verdict => ({ kind: 'finding', line, message })
  const parent = ancestors[ancestors.length - 1]!
  const inFunction = ancestors.some(isFunctionNode)

  if (ancestors.some((a) => a.type === 'ClassBody')) {
    const field = context.injectable && context.sameClient ? nestField(node, ancestors) : undefined
    return field ? { kind: 'inject', field } : finding(classMessage(context.singleton))
  }
  if (parent.type === 'MemberExpression' && parent.object === node && memberName(parent.property) === '$extends') {
    return finding('a PrismaClient extended with $extends: its type differs from the shared client, so it is not swapped automatically; move the extension into the singleton or keep this client deliberately')
  }
  if (context.clientSource && /^@prisma\/client\/(?:extension|runtime)/.test(context.clientSource)) {
    return { kind: 'note', line, message: `a PrismaClient from ${context.clientSource}, the helper for writing extensions, not the generated client: left alone` }
  }
  if (context.clientSource && /\/edge$|\/wasm$/.test(context.clientSource)) {
    return finding(`a PrismaClient from ${context.clientSource}: a different runtime than the shared client; left as is`)
  }
  if (!context.sameClient) {
    return finding(`a PrismaClient from ${context.clientSource ?? 'another module'}, not the generated client the singleton uses (${context.singleton?.clientSource ?? '@prisma/client'}); left as is`)
  }
  const options = optionKeys(node)
  if (options === undefined) return finding('a PrismaClient built from options prod-fix cannot compare with the shared client; check whether it can use the singleton')
  const datasource = options.filter((key) => DATASOURCE_OPTIONS.has(key))
  if (datasource.length > 0) {
    if (context.workers && inFunction) return { kind: 'note', line, message: 'a client per request on Cloudflare Workers, with its own connection settings: that is how Prisma runs there' }
    return finding(`a second PrismaClient with its own ${datasource.join(', ')}: a deliberate second database or driver is kept; if it is the same database, use the shared client`)
  }
  const foreign = options.filter((key) => !SHAREABLE_OPTIONS.has(key))
  if (foreign.length > 0) return finding(`a PrismaClient with ${foreign.join(', ')} options the shared client may not have; check whether it can use the singleton`)
  if (isDecorated(parent)) return { kind: 'note', line, message: 'the client the app decorates onto its Fastify instance', decorated: true }

  const shape = declaredClient(node, ancestors)
  if (!shape) return finding('a PrismaClient created outside a plain `const client = new PrismaClient()` declaration; replace it with the shared client by hand')
  if (shape.exported) {
    const shared = context.singleton ? ` in ${context.singleton.path}` : ''
    return finding(`this module exports its own client (${shape.stray.name}) besides the shared one${shared}: make it re-export that one`)
  }
  if (shape.stray.scope.type !== 'Program') {
    if (context.workers) return { kind: 'note', line, message: 'a client per request on Cloudflare Workers: that is how Prisma runs there' }
    if (isDecorated(ancestors[ancestors.length - 1]!) || escapes(shape.stray)) return finding(`a function that creates and hands out its own client (${shape.stray.name}): make it return the shared client`)
  }
  if (usedInDecorate(file.ast.program, shape.stray.name)) return { kind: 'note', line, message: 'the client the app decorates onto its Fastify instance', decorated: true }
  return { kind: 'rewrite', stray: shape.stray }
}

function classMessage(singleton: PrismaSingleton | undefined): string {
  if (singleton?.kind === 'nest-service') {
    return `a class creates its own PrismaClient: inject ${singleton.localName} (${singleton.path}) through the constructor instead, e.g. \`constructor(private readonly prisma: ${singleton.localName})\`, and make its module provide it`
  }
  return 'a class creates its own PrismaClient: pass it the shared client (constructor injection) instead'
}

/** The option names of `new PrismaClient({...})`; [] without arguments; undefined when they cannot be read. */
function optionKeys(node: NewExpression): string[] | undefined {
  if (node.arguments.length === 0) return []
  const [options] = node.arguments
  if (node.arguments.length > 1 || options?.type !== 'ObjectExpression') return undefined
  const keys: string[] = []
  for (const property of options.properties) {
    if (property.type === 'SpreadElement' || property.computed) return undefined
    const key = memberName(property.key)
    if (key === undefined) return undefined
    keys.push(key)
  }
  return keys
}

function memberName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name
  if (node.type === 'StringLiteral') return node.value
  return undefined
}

function declaredClient(node: NewExpression, ancestors: readonly Node[]): { stray: StrayClient; exported: boolean } | undefined {
  const [declarator, declaration, container] = [ancestors.at(-1), ancestors.at(-2), ancestors.at(-3)]
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== node || declarator.id.type !== 'Identifier') return undefined
  if (declaration?.type !== 'VariableDeclaration' || declaration.declare) return undefined
  if (container?.type === 'ExportNamedDeclaration') return { stray: { construction: node, declaration, declarator, name: declarator.id.name, scope: ancestors[0] as Program }, exported: true }
  if (container?.type !== 'Program' && container?.type !== 'BlockStatement') return undefined
  return { stray: { construction: node, declaration, declarator, name: declarator.id.name, scope: container }, exported: false }
}

/** `fastify.decorate('prisma', new PrismaClient())` or `app.decorate('prisma', prisma)`. */
function isDecorated(parent: Node): boolean {
  return parent.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && memberName(parent.callee.property) === 'decorate'
}

function usedInDecorate(program: Program, name: string): boolean {
  let found = false
  walk(program, (node) => {
    if (found) return false
    if (node.type === 'CallExpression' && isDecorated(node) && node.arguments.some((a) => a.type === 'Identifier' && a.name === name)) found = true
    return undefined
  })
  return found
}

/** Whether a per-call client leaves its function (returned, or stored on something): a factory, not a stray. */
function escapes(stray: StrayClient): boolean {
  let escaped = false
  walk(stray.scope, (node, ancestors) => {
    if (escaped || node.type !== 'Identifier' || node.name !== stray.name || !isReference(node, ancestors)) return
    const holder = [...ancestors].reverse().find((a) => a.type === 'ReturnStatement' || a.type === 'AssignmentExpression' || isFunctionNode(a) || a.type === 'ExpressionStatement')
    if (holder?.type === 'ReturnStatement') {
      const argument = holder.argument
      // `return prisma.user.findMany()` uses the client; `return prisma` / `return { prisma }` hands it out.
      if (argument === node || (argument?.type === 'ObjectExpression' && ancestors.includes(argument) && !ancestors.some((a) => a.type === 'CallExpression' || a.type === 'MemberExpression'))) escaped = true
    }
    if (holder?.type === 'AssignmentExpression' && holder.right === node) escaped = true
  })
  return escaped
}
