import type { CallExpression, ExpressionStatement, Node, Program } from '@babel/types'
import { walk } from '../../../src/engine/ast.js'
import { isPrismaConstruction } from '../prisma.js'

export type Signal = 'SIGTERM' | 'SIGINT'

export type FunctionNode = Extract<Node, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>

/** One `process.on('SIGTERM', handler)` statement. */
export interface SignalRegistration {
  signal: Signal
  /** `on`, `once`, `addListener`… kept when a registration is added for the other signal. */
  method: string
  statement: ExpressionStatement
  call: CallExpression
  /** The handler argument as written. */
  handler: Node
  /** The function that does the work: the inline handler, the named function it refers to, or the one it delegates to. */
  target: FunctionNode | undefined
  /** Whether the handler is written inline (not a reference or a delegating arrow). */
  inline: boolean
}

const METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'])
const DISCONNECT_NAME = /disconnect|close(?:Database|Db|Prisma|Connections?)|shutdownDatabase/i

/** Every statement-level `process.on|once(...)` registration for SIGTERM or SIGINT in a program. */
export function findSignalRegistrations(program: Program): SignalRegistration[] {
  const functions = namedFunctions(program)
  const found: SignalRegistration[] = []
  walk(program, (node) => {
    if (node.type !== 'ExpressionStatement' || node.expression.type !== 'CallExpression') return undefined
    const call = node.expression
    const callee = call.callee
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'process' || callee.property.type !== 'Identifier' || !METHODS.has(callee.property.name)) return undefined
    const [event, handler] = call.arguments
    if (event?.type !== 'StringLiteral' || (event.value !== 'SIGTERM' && event.value !== 'SIGINT') || !handler) return undefined
    const resolved = resolveHandler(handler, functions)
    found.push({ signal: event.value, method: callee.property.name, statement: node, call, handler, ...resolved })
    return false
  })
  return found
}

function resolveHandler(handler: Node, functions: ReadonlyMap<string, FunctionNode>): { target: FunctionNode | undefined; inline: boolean } {
  if (handler.type === 'Identifier') return { target: functions.get(handler.name), inline: false }
  if (handler.type !== 'ArrowFunctionExpression' && handler.type !== 'FunctionExpression') return { target: undefined, inline: false }
  // `() => shutdown('SIGTERM')` and `async () => { await shutdown('SIGTERM') }` delegate to a named function.
  const delegate = delegatedName(handler)
  if (delegate && functions.has(delegate)) return { target: functions.get(delegate), inline: false }
  return { target: handler, inline: true }
}

function delegatedName(fn: FunctionNode): string | undefined {
  let expression: Node | undefined = fn.body
  if (fn.body.type === 'BlockStatement') {
    if (fn.body.body.length !== 1 || fn.body.body[0]!.type !== 'ExpressionStatement') return undefined
    expression = fn.body.body[0]!.expression
  }
  if (expression?.type === 'AwaitExpression') expression = expression.argument
  if (expression?.type === 'UnaryExpression' && expression.operator === 'void') expression = expression.argument
  return expression?.type === 'CallExpression' && expression.callee.type === 'Identifier' ? expression.callee.name : undefined
}

/** Functions declared by name anywhere in the program (function declarations and `const f = () => …`). */
export function namedFunctions(program: Program): Map<string, FunctionNode> {
  const functions = new Map<string, FunctionNode>()
  walk(program, (node) => {
    if (node.type === 'FunctionDeclaration' && node.id && !functions.has(node.id.name)) functions.set(node.id.name, node)
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && (node.init?.type === 'ArrowFunctionExpression' || node.init?.type === 'FunctionExpression') && !functions.has(node.id.name)) {
      functions.set(node.id.name, node.init)
    }
    return undefined
  })
  return functions
}

/**
 * Whether a shutdown function disconnects the database: `x.$disconnect()` or a call to a
 * disconnect-like helper, directly or through the file's own functions it calls (two levels).
 */
export function disconnects(fn: Node, functions: ReadonlyMap<string, FunctionNode>, depth = 0): boolean {
  let found = false
  walk(fn, (node) => {
    if (found) return false
    if (node.type !== 'CallExpression') return undefined
    const name = calleeName(node)
    if (name === '$disconnect' || (name && DISCONNECT_NAME.test(name))) found = true
    else if (node.callee.type === 'Identifier' && depth < 2 && functions.has(node.callee.name) && functions.get(node.callee.name) !== fn) {
      found = disconnects(functions.get(node.callee.name)!, functions, depth + 1)
    }
    return undefined
  })
  return found
}

/** Whether the function disconnects a client it creates itself (`new PrismaClient().$disconnect()`), not the app's. */
export function disconnectsFreshClient(fn: Node): boolean {
  const fresh = new Set<string>()
  let found = false
  walk(fn, (node, ancestors) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isPrismaConstruction(node.init, [...ancestors, node])) fresh.add(node.id.name)
    if (node.type === 'CallExpression' && calleeName(node) === '$disconnect' && node.callee.type === 'MemberExpression') {
      const object = node.callee.object
      if ((object.type === 'Identifier' && fresh.has(object.name)) || isPrismaConstruction(object, ancestors)) found = true
    }
    return undefined
  })
  return found
}

function calleeName(call: CallExpression): string | undefined {
  const callee = call.callee
  if (callee.type === 'Identifier') return callee.name
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name
  return undefined
}
