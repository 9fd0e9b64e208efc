import type { CallExpression, Class, Node, PatternLike, LVal } from '@babel/types'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import { CONSOLE_LEVELS } from './conventions.js'

/** One `console.<level>(…)` call and what surrounds it. */
export interface ConsoleCall {
  node: CallExpression
  /** The console method: log, info, warn, error, debug, trace. */
  method: string
  /** Catch-clause and `.catch(err => …)` parameters in scope: the values that hold errors. */
  errorNames: Set<string>
  /** The class whose `this` the call can use (not through a plain function or a static member). */
  thisClass: Class | undefined
  /** `request`, `req` or `fastify` parameters in scope, innermost first. */
  params: string[]
  /** A `process.exit()` follows in the same block: the line must reach stderr before the process ends. */
  beforeExit: boolean
  /** Inside a `listen()` callback: a startup banner, not reason enough to add a logger to a project. */
  banner: boolean
  /** Inside a method named like a log level (`info(...args) { console.log(...) }`): a hand-written logger. */
  inLoggerMethod: boolean
}

/** What one walk over a file finds. */
export interface FileScan {
  calls: ConsoleCall[]
  /** Every name the file declares anywhere (imports, variables, parameters, functions, classes). */
  bindings: Set<string>
  /** `console.x` member expressions and bare `console` references that are not rewritable calls. */
  otherConsoleUses: number
  hasJsx: boolean
  /** Top-level `const app = Fastify(…)`: the name and where it becomes usable. */
  fastifyInstance: { name: string; end: number } | undefined
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod'])
const SCOPE_PARAMS = /^(?:request|req|fastify)$/

/** Walks the file once and collects the console calls with their context. */
export function scanFile(file: ParsedFile): FileScan {
  const scan: FileScan = { calls: [], bindings: new Set(), otherConsoleUses: 0, hasJsx: false, fastifyInstance: undefined }
  walk(file.ast.program, (node, ancestors) => {
    switch (node.type) {
      case 'JSXElement':
      case 'JSXFragment':
        scan.hasJsx = true
        break
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        scan.bindings.add(node.local.name)
        break
      case 'VariableDeclarator':
        addPatternNames(node.id, scan.bindings)
        if (ancestors.length <= 3 && node.id.type === 'Identifier' && node.init?.type === 'CallExpression' && node.init.callee.type === 'Identifier' && /^fastify$/i.test(node.init.callee.name)) {
          scan.fastifyInstance = { name: node.id.name, end: node.end! }
        }
        break
      case 'ClassDeclaration':
      case 'FunctionDeclaration':
        if (node.id) scan.bindings.add(node.id.name)
        break
      case 'CatchClause':
        if (node.param) addPatternNames(node.param, scan.bindings)
        break
      case 'MemberExpression':
        if (node.object.type === 'Identifier' && node.object.name === 'console') {
          const parent = ancestors[ancestors.length - 1]
          const call = parent?.type === 'CallExpression' && parent.callee === node ? parent : undefined
          const method = !node.computed && node.property.type === 'Identifier' ? node.property.name : ''
          if (call && CONSOLE_LEVELS[method]) scan.calls.push(describeCall(call, method, ancestors.slice(0, -1)))
          else scan.otherConsoleUses++
        }
        break
    }
    if (FUNCTION_TYPES.has(node.type)) for (const param of (node as { params: Node[] }).params) addPatternNames(param as LVal, scan.bindings)
  })
  return scan
}

function describeCall(node: CallExpression, method: string, ancestors: readonly Node[]): ConsoleCall {
  const errorNames = new Set<string>()
  const params: string[] = []
  let thisClass: Class | undefined
  let thisBroken = false
  let banner = false
  let inLoggerMethod = false
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!
    if (FUNCTION_TYPES.has(a.type) && isListenCallback(ancestors[i - 1])) banner = true
    if (isLevelMember(a) && forwardsParameters(node, a)) inLoggerMethod = true
    if (a.type === 'CatchClause' && a.param?.type === 'Identifier') errorNames.add(a.param.name)
    if (FUNCTION_TYPES.has(a.type)) {
      const fn = a as { params: Node[] }
      const parent = ancestors[i - 1]
      const isCatchHandler = parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && parent.callee.property.type === 'Identifier' && parent.callee.property.name === 'catch'
      for (const p of fn.params) {
        if (p.type !== 'Identifier') continue
        if (isCatchHandler) errorNames.add(p.name)
        if (SCOPE_PARAMS.test(p.name)) params.push(p.name)
      }
      if (a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression' || a.type === 'ObjectMethod') thisBroken = true
      if ((a.type === 'ClassMethod' || a.type === 'ClassPrivateMethod') && a.static) thisBroken = true
    }
    if ((a.type === 'ClassProperty' || a.type === 'ClassPrivateProperty') && a.static) thisBroken = true
    if (a.type === 'StaticBlock') thisBroken = true
    if ((a.type === 'ClassDeclaration' || a.type === 'ClassExpression') && !thisClass) {
      if (!thisBroken) thisClass = a
      thisBroken = true
    }
  }
  return { node, method, errorNames, thisClass, params, beforeExit: exitFollows(node, ancestors), banner, inLoggerMethod }
}

const LEVEL_NAMES = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'verbose', 'fatal', 'write', 'print'])

// `info(...args) { console.log(...args) }` or `error: (message) => console.error(`[app] ${message}`)`
function forwardsParameters(call: CallExpression, member: Node): boolean {
  const fn = member.type === 'ObjectProperty' || member.type === 'ClassProperty' ? member.value : member
  if (!fn || !FUNCTION_TYPES.has(fn.type)) return false
  const params = new Set<string>()
  for (const p of (fn as { params: Node[] }).params) addPatternNames(p as LVal, params)
  return call.arguments.some((arg) => {
    if (arg.type === 'SpreadElement') return true
    if (arg.type === 'Identifier') return params.has(arg.name)
    return arg.type === 'TemplateLiteral' && arg.expressions.some((e) => e.type === 'Identifier' && params.has(e.name))
  })
}

function isLevelMember(node: Node): boolean {
  if (node.type !== 'ClassMethod' && node.type !== 'ObjectMethod' && node.type !== 'ObjectProperty' && node.type !== 'ClassProperty') return false
  return node.key.type === 'Identifier' && LEVEL_NAMES.has(node.key.name)
}

// `app.listen(port, () => …)` and `app.listen({ port }).then(() => …)`
function isListenCallback(parent: Node | undefined): boolean {
  if (parent?.type !== 'CallExpression' || parent.callee.type !== 'MemberExpression' || parent.callee.property.type !== 'Identifier') return false
  const name = parent.callee.property.name
  if (name === 'listen') return true
  const object = parent.callee.object
  return name === 'then' && object.type === 'CallExpression' && object.callee.type === 'MemberExpression' &&
    object.callee.property.type === 'Identifier' && object.callee.property.name === 'listen'
}

// Before: console.error('DATABASE_URL is missing'); process.exit(1)
// Stays: a logger with a transport writes asynchronously and would lose the line.
function exitFollows(call: CallExpression, ancestors: readonly Node[]): boolean {
  const statement = ancestors[ancestors.length - 1]
  const block = ancestors[ancestors.length - 2]
  if (statement?.type !== 'ExpressionStatement' || statement.expression !== call) return false
  const body = block?.type === 'BlockStatement' || block?.type === 'Program' ? block.body : block?.type === 'SwitchCase' ? block.consequent : undefined
  if (!body) return false
  const index = body.indexOf(statement)
  return body.slice(index + 1).some((s) => {
    const expression = s.type === 'ExpressionStatement' ? s.expression : s.type === 'ReturnStatement' ? s.argument : undefined
    return expression?.type === 'CallExpression' && expression.callee.type === 'MemberExpression' &&
      expression.callee.object.type === 'Identifier' && expression.callee.object.name === 'process' &&
      expression.callee.property.type === 'Identifier' && expression.callee.property.name === 'exit'
  })
}

function addPatternNames(pattern: LVal | PatternLike | Node, into: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      into.add(pattern.name)
      break
    case 'ObjectPattern':
      for (const p of pattern.properties) addPatternNames(p.type === 'RestElement' ? p.argument : p.value, into)
      break
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) addPatternNames(e, into)
      break
    case 'AssignmentPattern':
      addPatternNames(pattern.left, into)
      break
    case 'RestElement':
      addPatternNames(pattern.argument, into)
      break
    case 'TSParameterProperty':
      addPatternNames(pattern.parameter, into)
      break
  }
}
