import type { ClassDeclaration, ClassMethod, Node } from '@babel/types'
import MagicString from 'magic-string'
import { walk } from '../../../src/engine/ast.js'
import type { FileChange, ParsedFile } from '../../../src/types.js'
import { ensureDisconnect, indentAt, styleOf } from './rewrite.js'
import type { FunctionNode } from './signals.js'

// Before: const app = await NestFactory.create(AppModule)
//         await app.listen(3000)
// After:  const app = await NestFactory.create(AppModule)
//         app.enableShutdownHooks()
//         await app.listen(3000)
/** Turns on Nest's shutdown hooks in the file that creates the application; undefined when already on. */
export function enableShutdownHooks(file: ParsedFile): FileChange | undefined {
  if (file.text.includes('enableShutdownHooks')) return undefined
  let created: { name: string; statement: Node; block: Node[] } | undefined
  walk(file.ast.program, (node, ancestors) => {
    if (created || node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) return undefined
    const init = node.init.type === 'AwaitExpression' ? node.init.argument : node.init
    if (init.type !== 'CallExpression' || init.callee.type !== 'MemberExpression' || init.callee.object.type !== 'Identifier' || init.callee.object.name !== 'NestFactory') return undefined
    const statement = ancestors[ancestors.length - 1]!
    const parent = ancestors[ancestors.length - 2]
    const block = parent?.type === 'BlockStatement' || parent?.type === 'Program' ? parent.body : undefined
    if (statement.type === 'VariableDeclaration' && block) created = { name: node.id.name, statement, block }
    return undefined
  })
  if (!created) return undefined
  const { name, statement, block } = created
  const style = styleOf(file)
  const listen = block.slice(block.indexOf(statement as never) + 1).find((s) => new RegExp(String.raw`\b${name}\.listen\s*\(`).test(file.text.slice(s.start!, s.end!)))
  const edit = new MagicString(file.text)
  const line = `${name}.enableShutdownHooks()${style.semi}`
  if (listen) edit.appendLeft(listen.start!, `${line}\n${indentAt(file.text, listen.start!)}`)
  else edit.appendLeft(statement.end!, `\n${indentAt(file.text, statement.start!)}${line}`)
  return { path: file.path, before: file.text, after: edit.toString(), reason: 'enable Nest shutdown hooks so onModuleDestroy runs on SIGTERM' }
}

// Before: export class PrismaService extends PrismaClient implements OnModuleInit { … }
// After:  … async onModuleDestroy() { await this.$disconnect() }
/** Makes a NestJS PrismaService disconnect in `onModuleDestroy`; undefined when it already does. */
export function disconnectOnModuleDestroy(file: ParsedFile): FileChange | undefined {
  const service = prismaServiceClass(file)
  if (!service) return undefined
  const style = styleOf(file)
  const edit = new MagicString(file.text)
  const existing = service.body.body.find((m): m is ClassMethod => m.type === 'ClassMethod' && m.key.type === 'Identifier' && m.key.name === 'onModuleDestroy')
  if (existing) {
    if (/\$disconnect\s*\(/.test(file.text.slice(existing.start!, existing.end!))) return undefined
    ensureDisconnect(edit, file, existing as unknown as FunctionNode, 'this.$disconnect()', style)
  } else {
    const members = service.body.body
    const last = members[members.length - 1]
    const indent = last ? indentAt(file.text, last.start!) : `${indentAt(file.text, service.start!)}${style.indent}`
    const method = [`async onModuleDestroy() {`, `${style.indent}await this.$disconnect()${style.semi}`, `}`].map((l, i) => (i ? `${indent}${l}` : l)).join('\n')
    edit.appendLeft(last ? last.end! : service.body.start! + 1, `${last ? '\n' : ''}\n${indent}${method}${last ? '' : '\n'}`)
  }
  return { path: file.path, before: file.text, after: edit.toString(), reason: 'disconnect Prisma when Nest shuts the module down' }
}

function prismaServiceClass(file: ParsedFile): ClassDeclaration | undefined {
  let found: ClassDeclaration | undefined
  walk(file.ast.program, (node) => {
    if (found) return false
    if (node.type === 'ClassDeclaration' && node.superClass && isPrismaClient(node.superClass)) found = node
    return undefined
  })
  return found
}

function isPrismaClient(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'PrismaClient'
  return node.type === 'MemberExpression' && node.property.type === 'Identifier' && node.property.name === 'PrismaClient'
}
