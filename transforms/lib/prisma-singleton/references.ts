import type { Identifier, Node, Program } from '@babel/types'
import { walk } from '../../../src/engine/ast.js'

/** Whether an identifier reads a variable (not a property name, an object key, a label or a declared name). */
export function isReference(node: Identifier, ancestors: readonly Node[]): boolean {
  const parent = ancestors[ancestors.length - 1]
  if (!parent) return true
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent.object === node || parent.computed
    case 'ObjectProperty':
      return parent.value === node || (parent.computed && parent.key === node)
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return 'computed' in parent && parent.computed === true && parent.key === node
    case 'VariableDeclarator':
      return parent.init === node
    case 'TSQualifiedName':
      return parent.left === node
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false
    case 'ExportSpecifier':
      return parent.local === node
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return false
    case 'ArrowFunctionExpression':
      return parent.body === node
    default:
      return true
  }
}

/** How many times the file declares a name anywhere (variables, parameters, functions, classes, imports). */
export function countDeclarations(program: Program, name: string): number {
  let count = 0
  const visitPattern = (node: Node | null | undefined): void => {
    if (!node) return
    walk(node, (child, ancestors) => {
      if (child.type === 'Identifier' && child.name === name) {
        const parent = ancestors[ancestors.length - 1]
        // In a pattern, only values bind (`{ key: value }`), and defaults are expressions.
        if (!parent || (parent.type === 'ObjectProperty' ? parent.value === child : parent.type !== 'AssignmentPattern' || parent.left === child)) count++
      }
      if (child.type === 'AssignmentPattern') {
        visitPattern(child.left)
        return false
      }
      return undefined
    })
  }
  walk(program, (node) => {
    if (node.type === 'VariableDeclarator') visitPattern(node.id)
    else if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ObjectMethod' || node.type === 'ClassMethod') {
      if ('id' in node && node.id?.name === name) count++
      for (const param of node.params) visitPattern(param)
    } else if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id?.name === name) count++
    else if ((node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' || node.type === 'ImportNamespaceSpecifier') && node.local.name === name) count++
    else if (node.type === 'CatchClause') visitPattern(node.param)
    else if ((node.type === 'TSEnumDeclaration' || node.type === 'TSModuleDeclaration') && node.id.type === 'Identifier' && node.id.name === name) count++
  })
  return count
}

/** Every identifier in `scope` that reads `name`. */
export function referencesTo(scope: Node, name: string): Array<{ node: Identifier; ancestors: readonly Node[] }> {
  const found: Array<{ node: Identifier; ancestors: readonly Node[] }> = []
  walk(scope, (node, ancestors) => {
    if (node.type === 'Identifier' && node.name === name && isReference(node, ancestors)) found.push({ node, ancestors: [...ancestors] })
  })
  return found
}
