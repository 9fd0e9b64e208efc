import type { Node } from '@babel/types'
import type { ParsedFile, TransformContext } from '../../../src/types.js'
import { resolveImport } from '../imports.js'
import type { ResolveCall } from './routes.js'
import { fileSetOf } from '../sorted-files.js'

/**
 * Follows a function name called in `file` to its source text: a function of the file itself, or
 * one imported from a project module (relative or through a tsconfig alias).
 */
export function callResolver(ctx: TransformContext, file: ParsedFile): ResolveCall {
  const files = fileSetOf(ctx.files)
  const exists = (path: string): boolean => files.has(path)
  return (name) => {
    const local = functionText(file, name)
    if (local !== undefined) return local
    for (const statement of file.ast.program.body) {
      if (statement.type !== 'ImportDeclaration') continue
      const specifier = statement.specifiers.find((s) => s.local.name === name)
      if (!specifier) continue
      const target = resolveImport(ctx.project, file.path, statement.source.value, exists)
      const module = target ? ctx.parse(target) : undefined
      if (!module) return undefined
      const exported = specifier.type === 'ImportSpecifier' ? (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) : undefined
      return exported ? functionText(module, exported) : undefined
    }
    return undefined
  }
}

/** The text of a top-level function (declaration or `const f = () => …`) named `name`. */
function functionText(file: ParsedFile, name: string): string | undefined {
  for (const statement of file.ast.program.body) {
    const declaration: Node | null | undefined = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === name) return file.text.slice(declaration.start!, declaration.end!)
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === name && d.init) return file.text.slice(d.init.start!, d.init.end!)
    }
  }
  return undefined
}
