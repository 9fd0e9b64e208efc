import type { Node, ObjectExpression } from '@babel/types'

/**
 * How a logger takes its arguments:
 * - `merge-first`: pino, bunyan, Fastify's `request.log` — `log.error({ err }, 'failed')`;
 * - `message-first`: winston — `logger.error('failed', err)`, one meta object;
 * - `nest`: NestJS `Logger` — `logger.error('failed', stack)`, objects printed as JSON;
 * - `variadic`: consola, log4js, hand-written loggers — console's own arguments.
 */
export type Convention = 'merge-first' | 'message-first' | 'nest' | 'variadic'

/** The console methods this transform rewrites; table/time/group/dir/count/assert are left alone. */
export const CONSOLE_LEVELS: Readonly<Record<string, string>> = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'trace' }

const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  info: ['info', 'log'],
  warn: ['warn', 'info', 'log'],
  error: ['error'],
  debug: ['debug', 'info', 'log'],
  trace: ['trace', 'verbose', 'debug', 'info', 'log'],
}

/** The logger method for a console method, given the methods the logger has; undefined when it has none that fits. */
export function loggerMethod(consoleMethod: string, methods: ReadonlySet<string>): string | undefined {
  const level = CONSOLE_LEVELS[consoleMethod]
  if (!level) return undefined
  return FALLBACKS[level]!.find((m) => methods.has(m))
}

const ERROR_NAME = /^(?:e\d?|ex|err\d?|error\d?|exception|reason|cause)$|(?:Error|Err|Exception)$/

/** Names of the values that hold an error where a call sits: catch parameters and `.catch(err => …)` parameters. */
export function isErrorLike(node: Node, errorNames: ReadonlySet<string>): boolean {
  return node.type === 'Identifier' && (errorNames.has(node.name) || ERROR_NAME.test(node.name))
}

/** Whether the node reads as a message: a string, a template literal, or a string concatenation. */
export function isMessage(node: Node): boolean {
  if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') return true
  return node.type === 'BinaryExpression' && node.operator === '+' && (isMessage(node.left) || isMessage(node.right))
}

function hasFormatSpecifier(node: Node): boolean {
  return node.type === 'StringLiteral' && /%[sdifjoOc]/.test(node.value)
}

export interface CallArguments {
  args: readonly Node[]
  text: string
  errorNames: ReadonlySet<string>
  level: string
  /** The file's string quote, for a message the rewrite has to write. */
  quote: string
}

/**
 * The new arguments for the logger (source texts), or undefined to keep console's arguments as they are.
 * Rules (also in the transform's description):
 * - a first argument that is a string, template or concatenation is the message and stays as written;
 * - format strings (`'%s'`) keep their arguments: pino, winston (format.splat) and Nest interpolate them;
 * - every other argument becomes a property of one object, named after the variable or property
 *   (`{ id, status: res.status }`); an object literal contributes its own properties;
 * - an error keeps its stack: pino gets `{ err }` (its error serializer), winston gets the error as its
 *   meta argument (winston copies message and stack; a lone error gets the message 'Error:', as console
 *   prints it), Nest gets `err.stack` as its stack parameter.
 */
export function adaptArguments(convention: Convention, call: CallArguments): string[] | undefined {
  const { args } = call
  if (convention === 'variadic' || args.length === 0 || args.some((a) => a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder')) return undefined
  if (hasFormatSpecifier(args[0]!)) return undefined
  const message = isMessage(args[0]!) ? args[0]! : undefined
  const rest = message ? args.slice(1) : args
  if (rest.length === 0) return undefined
  const src = (node: Node): string => call.text.slice(node.start!, node.end!)
  const errors = rest.filter((a) => isErrorLike(a, call.errorNames))
  const others = rest.filter((a) => !isErrorLike(a, call.errorNames))

  if (convention === 'merge-first') {
    const merged = mergeObject(rest, call, (err) => (src(err) === 'err' ? 'err' : `err: ${src(err)}`))
    return message ? [merged, src(message)] : [merged]
  }
  const stack = (err: Node): string => `${src(err)} instanceof Error ? ${src(err)}.stack : String(${src(err)})`
  if (convention === 'message-first') {
    // Alone, an error is written as an object whose message and stack are not enumerable: give it a message.
    if (!message && errors.length === 1 && others.length === 0) return [`${call.quote}Error:${call.quote}`, src(errors[0]!)]
    if (!message) return rest.length === 1 ? undefined : [mergeObject(rest, call, (err) => `stack: ${stack(err)}`)]
    if (errors.length === 1 && others.length === 0) return undefined
    return [src(message), mergeObject(rest, call, (err) => `stack: ${stack(err)}`)]
  }
  // nest: a lone extra string would be read as the logger's context, so extras always go in an object.
  if (!message) {
    if (rest.length > 1) return [mergeObject(rest, call, (err) => `stack: ${stack(err)}`)]
    return errors.length === 1 && call.level === 'error' ? [stack(errors[0]!)] : undefined
  }
  if (call.level === 'error') {
    if (errors.length === 1 && others.length === 0) return [src(message), stack(errors[0]!)]
    return [mergeObject([message, ...rest], call, (err) => `stack: ${stack(err)}`, 'message')]
  }
  return [src(message), mergeObject(rest, call, (err) => `stack: ${stack(err)}`)]
}

/** One object literal holding the values: `{ id, status: res.status, err }`; a lone object literal is kept as written. */
function mergeObject(values: readonly Node[], call: CallArguments, errorEntry: (err: Node) => string, firstKey?: string): string {
  const src = (node: Node): string => call.text.slice(node.start!, node.end!)
  if (values.length === 1 && values[0]!.type === 'ObjectExpression') return src(values[0]!)
  const used = new Set<string>()
  const unique = (key: string): string => {
    let name = key
    for (let i = 2; used.has(name); i++) name = `${key}${i}`
    used.add(name)
    return name
  }
  const entries: string[] = []
  values.forEach((value, index) => {
    if (index === 0 && firstKey) {
      entries.push(`${unique(firstKey)}: ${src(value)}`)
    } else if (value.type === 'ObjectExpression') {
      for (const property of (value as ObjectExpression).properties) entries.push(src(property))
    } else if (isErrorLike(value, call.errorNames)) {
      const entry = errorEntry(value)
      used.add(entry.split(':')[0]!.trim())
      entries.push(entry)
    } else {
      const key = unique(keyFor(value))
      entries.push(value.type === 'Identifier' && value.name === key ? key : `${key}: ${src(value)}`)
    }
  })
  return entries.length ? `{ ${entries.join(', ')} }` : '{}'
}

/** A readable property name for a logged value: the variable, the last property, the called function. */
function keyFor(node: Node): string {
  switch (node.type) {
    case 'Identifier':
      return node.name
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return !node.computed && node.property.type === 'Identifier' ? node.property.name : keyFor(node.object)
    case 'CallExpression':
    case 'OptionalCallExpression':
      return node.callee.type === 'Identifier' || node.callee.type === 'MemberExpression' ? keyFor(node.callee) : 'value'
    case 'AwaitExpression':
      return keyFor(node.argument)
    case 'TSNonNullExpression':
    case 'TSAsExpression':
      return keyFor(node.expression)
    case 'StringLiteral':
    case 'TemplateLiteral':
      return 'detail'
    default:
      return 'value'
  }
}
