import type { Class, Node, Program, Statement } from '@babel/types'
import type MagicString from 'magic-string'

/** The `Logger` field a NestJS class already has (`private readonly logger = new Logger(X.name)`), by name. */
export function existingLoggerField(cls: Class, loggerClass: string): string | undefined {
  for (const member of cls.body.body) {
    if (member.type !== 'ClassProperty' || member.static || member.key.type !== 'Identifier') continue
    const value = member.value
    if (value?.type === 'NewExpression' && value.callee.type === 'Identifier' && value.callee.name === loggerClass) return member.key.name
  }
  return undefined
}

// Before: export class LinksService {
//           constructor(private readonly prisma: PrismaService) {}
// After:  export class LinksService {
//           private readonly logger = new Logger(LinksService.name);
//
//           constructor(private readonly prisma: PrismaService) {}
/** Adds a Nest logger field as the class's first member; returns the field name. */
export function addLoggerField(edit: MagicString, text: string, cls: Class & { id: { name: string } }, loggerClass: string, semi: string, typescript: boolean): string {
  const taken = new Set(cls.body.body.flatMap((m) => ('key' in m && m.key.type === 'Identifier' ? [m.key.name] : [])))
  const name = ['logger', 'nestLogger', 'classLogger'].find((n) => !taken.has(n))!
  const first = cls.body.body[0]
  const indent = first ? indentationAt(text, first.start!) : `${indentationAt(text, cls.start!)}  `
  const modifiers = typescript ? 'private readonly ' : ''
  const spacer = first && first.type !== 'ClassProperty' ? '\n' : ''
  edit.appendLeft(cls.body.start! + 1, `\n${indent}${modifiers}${name} = new ${loggerClass}(${cls.id.name}.name)${semi}${spacer}`)
  return name
}

/** Adds a top-level statement after the imports and requires (or before the first statement), on its own paragraph. */
export function addAfterImports(edit: MagicString, program: Program, text: string, statement: string): void {
  const imports = program.body.filter((s) => s.type === 'ImportDeclaration' || isRequire(s))
  const anchor = imports[imports.length - 1] ?? program.directives[program.directives.length - 1]
  if (anchor) {
    edit.appendLeft(anchor.end!, `\n\n${statement}`)
    return
  }
  const first = program.body[0]
  const at = first ? first.start! : text.length
  edit.appendLeft(at, `${statement}\n\n`)
}

function isRequire(statement: Statement): boolean {
  if (statement.type !== 'VariableDeclaration') return false
  return statement.declarations.some((d) => {
    let init: Node | null | undefined = d.init
    if (init?.type === 'MemberExpression') init = init.object
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require'
  })
}

function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0]
}
