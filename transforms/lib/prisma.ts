import type { CallExpression, NewExpression, Node } from '@babel/types'

/** `new PrismaClient(…)` (also `new prisma.PrismaClient(…)`), or `super(…)` in a class extending PrismaClient (NestJS PrismaService). */
export function isPrismaConstruction(node: Node, ancestors: readonly Node[]): node is NewExpression | CallExpression {
  if (node.type === 'NewExpression') return isPrismaClientName(node.callee)
  if (node.type !== 'CallExpression' || node.callee.type !== 'Super') return false
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i]!
    if (ancestor.type === 'ClassDeclaration' || ancestor.type === 'ClassExpression') return ancestor.superClass != null && isPrismaClientName(ancestor.superClass)
  }
  return false
}

function isPrismaClientName(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'PrismaClient'
  return node.type === 'MemberExpression' && node.property.type === 'Identifier' && node.property.name === 'PrismaClient'
}
