import type { Node, ObjectExpression, Program } from '@babel/types'
import MagicString from 'magic-string'
import { defineTransform } from '../src/define-transform.js'
import { walk } from '../src/engine/ast.js'
import type { FileChange } from '../src/types.js'
import { SCRIPT_FILES } from './lib/globs.js'
import { isPrismaConstruction } from './lib/prisma.js'

export default defineTransform({
  meta: {
    id: 'prisma-error-format',
    title: 'Use the minimal Prisma error format in production',
    severity: 'low',
    audit: { ref: 'prisma-error-format', finding: 'Prisma error format not optimized for production' },
    description:
      "errorFormat: 'pretty' builds coloured, multi-line messages with source excerpts on every error: costly and noisy in production logs. Keeps it in development and switches to 'minimal' when NODE_ENV is production.",
    files: SCRIPT_FILES,
    contains: ['errorFormat'],
    example: {
      file: 'src/lib/prisma.ts',
      before: "new PrismaClient({ errorFormat: 'pretty' })",
      after: "new PrismaClient({ errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty' })",
    },
  },
  run(ctx) {
    const changes: FileChange[] = []
    for (const path of ctx.candidates()) {
      const file = ctx.parse(path)
      if (!file) continue
      const edit = new MagicString(file.text)
      const flag = findEnvironmentFlag(file.ast.program)
      walk(file.ast.program, (node, ancestors) => {
        if (!isPrismaConstruction(node, ancestors)) return
        const options = node.arguments[0]
        if (options?.type === 'ObjectExpression') rewriteErrorFormat(options, file.text, flag, edit)
      })
      if (edit.hasChanged()) changes.push({ path, before: file.text, after: edit.toString() })
    }
    return { changes }
  },
})

interface EnvironmentFlag {
  name: string
  /** Whether the flag is true in production (`isProduction`) or in development (`isDev`). */
  truthyInProduction: boolean
}

// Before: errorFormat: 'pretty'
// After:  errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty'
function rewriteErrorFormat(options: ObjectExpression, text: string, flag: EnvironmentFlag | undefined, edit: MagicString): void {
  for (const property of options.properties) {
    if (property.type !== 'ObjectProperty' || keyName(property.key) !== 'errorFormat') continue
    const value = property.value
    if (value.type !== 'StringLiteral' || value.value !== 'pretty') continue
    const q = text[value.start!] === '"' ? '"' : "'"
    const minimal = `${q}minimal${q}`
    const pretty = `${q}pretty${q}`
    const replacement = !flag
      ? `process.env.NODE_ENV === ${q}production${q} ? ${minimal} : ${pretty}`
      : flag.truthyInProduction
        ? `${flag.name} ? ${minimal} : ${pretty}`
        : `${flag.name} ? ${pretty} : ${minimal}`
    edit.overwrite(value.start!, value.end!, replacement)
  }
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name
  if (key.type === 'StringLiteral') return key.value
  return undefined
}

/** A top-level `const isProduction = process.env.NODE_ENV === 'production'` (or `!==`, or 'development'). */
function findEnvironmentFlag(program: Program): EnvironmentFlag | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue
    for (const declarator of declaration.declarations) {
      const init = declarator.init
      if (declarator.id.type !== 'Identifier' || init?.type !== 'BinaryExpression') continue
      if (!['===', '==', '!==', '!='].includes(init.operator)) continue
      const [env, literal] = isNodeEnv(init.left) ? [init.left, init.right] : [init.right, init.left]
      if (!isNodeEnv(env) || literal.type !== 'StringLiteral') continue
      const equals = init.operator === '===' || init.operator === '=='
      if (literal.value === 'production') return { name: declarator.id.name, truthyInProduction: equals }
      if (literal.value === 'development') return { name: declarator.id.name, truthyInProduction: !equals }
    }
  }
  return undefined
}

function isNodeEnv(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'NODE_ENV' &&
    node.object.type === 'MemberExpression' &&
    node.object.object.type === 'Identifier' &&
    node.object.object.name === 'process' &&
    node.object.property.type === 'Identifier' &&
    node.object.property.name === 'env'
  )
}
