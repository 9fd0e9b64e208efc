import { posix } from 'node:path'
import type { Program, Statement } from '@babel/types'
import type { ProjectInfo } from '../../../src/engine/project.js'
import { resolveRelative } from '../imports.js'

/** A module a file loads, with the names it binds: `{ imported: 'logger', local: 'log' }`. */
export interface ModuleImport {
  specifier: string
  bindings: Array<{ imported: string; local: string }>
}

/** The top-level imports and requires of a program, with their bound names ('*' for a namespace or a whole `require`). */
export function moduleImports(program: Program): ModuleImport[] {
  const found: ModuleImport[] = []
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue
      found.push({
        specifier: statement.source.value,
        bindings: statement.specifiers.map((s) => ({
          imported: s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : s.imported.type === 'Identifier' ? s.imported.name : s.imported.value,
          local: s.local.name,
        })),
      })
      continue
    }
    const required = requireOf(statement)
    if (required) found.push(required)
  }
  return found
}

function requireOf(statement: Statement): ModuleImport | undefined {
  if (statement.type !== 'VariableDeclaration') return undefined
  for (const declarator of statement.declarations) {
    let init = declarator.init
    let member: string | undefined
    if (init?.type === 'MemberExpression' && init.property.type === 'Identifier') {
      member = init.property.name
      init = init.object
    }
    if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue
    const source = init.arguments[0]
    if (source?.type !== 'StringLiteral') continue
    const id = declarator.id
    if (id.type === 'Identifier') return { specifier: source.value, bindings: [{ imported: member ?? '*', local: id.name }] }
    if (id.type === 'ObjectPattern') {
      const bindings = id.properties.flatMap((p) =>
        p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier' ? [{ imported: p.key.name, local: p.value.name }] : [])
      return { specifier: source.value, bindings }
    }
  }
  return undefined
}

/** The repo file a specifier in `from` loads: relative paths, then tsconfig `paths` aliases and `baseUrl`. */
export function resolveModule(project: ProjectInfo, from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (specifier.startsWith('.')) return resolveRelative(from, specifier, exists)
  const tsconfig = project.tsconfigOf(from)
  if (!tsconfig) return undefined
  const base = posix.join(tsconfig.dir, tsconfig.baseUrl ?? '.')
  for (const [pattern, targets] of Object.entries(tsconfig.paths ?? {})) {
    const star = pattern.indexOf('*')
    let middle: string | undefined
    if (star === -1) middle = pattern === specifier ? '' : undefined
    else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) middle = specifier.slice(star, specifier.length - (pattern.length - star - 1))
    if (middle === undefined) continue
    for (const target of targets) {
      const found = resolveFile(posix.join(base, target.replace('*', middle)), exists)
      if (found) return found
    }
  }
  return tsconfig.baseUrl !== undefined ? resolveFile(posix.join(base, specifier), exists) : undefined
}

/** A repo path tried as written, with source extensions, and as a folder's index file. */
export function resolveFile(path: string, exists: (path: string) => boolean): string | undefined {
  const normalized = posix.normalize(path)
  if (normalized.startsWith('../')) return undefined
  return resolveRelative('index.ts', `./${normalized}`, exists)
}
