import { posix } from 'node:path'
import type { ImportDeclaration, Node, Program, Statement } from '@babel/types'
import type MagicString from 'magic-string'
import { walk } from '../../src/engine/ast.js'
import type { ProjectInfo } from '../../src/engine/project.js'
import type { ParsedFile } from '../../src/types.js'

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']

/** How a file loads modules: ESM syntax (`import`) or CommonJS (`require`). */
export function moduleSyntax(file: ParsedFile, project: ProjectInfo): 'esm' | 'cjs' {
  let esm = false
  let cjs = false
  for (const statement of file.ast.program.body) {
    if (statement.type === 'ImportDeclaration' || statement.type.startsWith('Export')) esm = true
    else if (isRequireStatement(statement) || isModuleExports(statement)) cjs = true
  }
  if (esm) return 'esm'
  if (cjs) return 'cjs'
  if (/\.c[jt]s$/.test(file.path)) return 'cjs'
  if (/\.[cm]?tsx?$/.test(file.path)) return 'esm'
  return project.isEsm(file.path) ? 'esm' : 'cjs'
}

/**
 * The specifier `from` should use to import `target` (both repo-relative): the tsconfig `paths`
 * alias when the file or its neighbours already import through it, else a relative path; with
 * the extension the project's resolution needs (`.js` under NodeNext / native ESM). Neighbours
 * are asked for (and parsed) only when there is an alias to choose.
 */
export function importSpecifier(project: ProjectInfo, from: ParsedFile, target: string, neighbours: () => readonly ParsedFile[] = () => []): string {
  const withoutExt = stripExtension(target)
  const alias = aliasFor(project, from.path, withoutExt)
  if (alias && (importsThrough(from, alias.prefix) || neighbours().some((file) => importsThrough(file, alias.prefix)))) return alias.specifier
  let relative = posix.relative(posix.dirname(from.path), withoutExt)
  if (!relative.startsWith('.')) relative = `./${relative}`
  if (relative.endsWith('/index') && extensionStyle(project, from) === '') relative = relative.slice(0, -'/index'.length)
  const style = extensionStyle(project, from)
  if (style === '.ts') return `${relative}${posix.extname(target)}`
  // A .mjs/.cjs (or .mts/.cts) module keeps its own flavour: `./db.mjs`, never `./db.js`.
  if (style === '.js' && /\.[cm][jt]s$/.test(target)) return `${relative}.${posix.extname(target)[1]}js`
  return `${relative}${style}`
}

/** Whether relative imports in this file carry an extension, judged from the file itself, then from tsconfig and package type. */
function extensionStyle(project: ProjectInfo, file: ParsedFile): '' | '.js' | '.ts' {
  for (const specifier of relativeSpecifiers(file.ast.program)) {
    if (/\.[cm]?js$/.test(specifier)) return '.js'
    if (/\.[cm]?tsx?$/.test(specifier)) return '.ts'
    return ''
  }
  const tsconfig = project.tsconfigOf(file.path)
  if (tsconfig?.allowImportingTsExtensions) return '.ts'
  if (tsconfig?.moduleResolution === 'node16' || tsconfig?.moduleResolution === 'nodenext') return '.js'
  if (!tsconfig?.moduleResolution && (tsconfig?.module === 'node16' || tsconfig?.module === 'nodenext')) return '.js'
  // Plain JavaScript run natively as ESM needs the extension; bundled or ts-node code does not.
  if (!/\.[cm]?tsx?$/.test(file.path) && project.isEsm(file.path)) return '.js'
  return ''
}

function relativeSpecifiers(program: Program): string[] {
  const specifiers: string[] = []
  for (const statement of program.body) {
    const source = statement.type === 'ImportDeclaration' ? statement.source.value : requireSource(statement)
    if (source?.startsWith('.')) specifiers.push(source)
  }
  return specifiers
}

function aliasFor(project: ProjectInfo, from: string, target: string): { prefix: string; specifier: string } | undefined {
  const tsconfig = project.tsconfigOf(from)
  if (!tsconfig?.paths) return undefined
  const base = posix.join(tsconfig.dir, tsconfig.baseUrl ?? '.')
  for (const [pattern, targets] of Object.entries(tsconfig.paths)) {
    if (!pattern.endsWith('/*')) continue
    for (const mapped of targets) {
      if (!mapped.endsWith('/*')) continue
      const dir = posix.normalize(posix.join(base, mapped.slice(0, -2)))
      const prefix = dir === '.' ? '' : `${dir}/`
      if (target.startsWith(prefix)) return { prefix: pattern.slice(0, -1), specifier: `${pattern.slice(0, -1)}${target.slice(prefix.length)}` }
    }
  }
  return undefined
}

function importsThrough(file: ParsedFile, prefix: string): boolean {
  return file.ast.program.body.some((statement) => {
    const source = statement.type === 'ImportDeclaration' ? statement.source.value : requireSource(statement)
    return source?.startsWith(prefix) ?? false
  })
}

function stripExtension(path: string): string {
  const ext = SOURCE_EXTENSIONS.find((e) => path.endsWith(e))
  return ext ? path.slice(0, -ext.length) : path
}

/** Resolves a relative specifier written in `from` to a repo file, trying source extensions and index files. */
export function resolveRelative(from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '')
  const tries = [base, ...SOURCE_EXTENSIONS.map((e) => stem + e), ...SOURCE_EXTENSIONS.map((e) => `${base}/index${e}`)]
  return tries.find(exists)
}

export interface ImportRequest {
  /** The local name to bind. */
  name: string
  /** The exported name; 'default' for a default export. Defaults to `name`. */
  imported?: string
  specifier: string
  /** CommonJS only: the target is an ES module compiled to CommonJS, so its default export is `require(…).default`. */
  esModuleDefault?: boolean
}

/**
 * Adds `import { name } from 'specifier'` (or a destructuring `require` in CommonJS), extending
 * an existing import or require of the same module; placed after the last top-level import.
 * Returns false when the name is already bound to that import.
 */
export function addImport(edit: MagicString, file: ParsedFile, syntax: 'esm' | 'cjs', request: ImportRequest): boolean {
  const imported = request.imported ?? request.name
  const { body } = file.ast.program
  const text = file.text
  if (syntax === 'esm') {
    const existing = body.find((s): s is ImportDeclaration => s.type === 'ImportDeclaration' && s.source.value === request.specifier && s.importKind !== 'type')
    if (existing) {
      if (existing.specifiers.some((s) => s.local.name === request.name)) return false
      const named = existing.specifiers.filter((s) => s.type === 'ImportSpecifier')
      if (imported === 'default' && !existing.specifiers.some((s) => s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier')) {
        edit.appendLeft(existing.specifiers[0]?.start ?? existing.source.start!, existing.specifiers.length ? `${request.name}, ` : `${request.name} from `)
        return true
      }
      if (imported !== 'default' && named.length > 0) {
        appendToList(edit, text, named, imported === request.name ? request.name : `${imported} as ${request.name}`)
        return true
      }
    }
    insertStatement(edit, file.ast.program, text, importStatement(file, syntax, request))
    return true
  }
  const extended = extendRequire(edit, file, request)
  if (extended !== undefined) return extended
  insertStatement(edit, file.ast.program, text, importStatement(file, syntax, request))
  return true
}

/** The text of a statement importing `request` in the file's quote and semicolon style, without a line break. */
export function importStatement(file: ParsedFile, syntax: 'esm' | 'cjs', request: ImportRequest): string {
  const imported = request.imported ?? request.name
  const quote = detectQuote(file)
  const semi = usesSemicolons(file) ? ';' : ''
  if (syntax === 'esm') {
    const clause = imported === 'default' ? request.name : `{ ${imported === request.name ? request.name : `${imported} as ${request.name}`} }`
    return `import ${clause} from ${quote}${request.specifier}${quote}${semi}`
  }
  const binding = imported === 'default' && !request.esModuleDefault
    ? request.name
    : `{ ${imported === request.name ? request.name : `${imported}: ${request.name}`} }`
  return `const ${binding} = require(${quote}${request.specifier}${quote})${semi}`
}

// Before: const { logger } = require('./utils')
// After:  const { logger, prisma } = require('./utils')
/** Extends a top-level destructuring require of the module; undefined when there is none to extend. */
function extendRequire(edit: MagicString, file: ParsedFile, request: ImportRequest): boolean | undefined {
  const imported = request.imported ?? request.name
  if (imported === 'default' && !request.esModuleDefault) return undefined
  for (const statement of file.ast.program.body) {
    if (statement.type !== 'VariableDeclaration' || requireSource(statement) !== request.specifier) continue
    for (const declarator of statement.declarations) {
      const pattern = declarator.id
      if (pattern.type !== 'ObjectPattern' || declarator.init?.type !== 'CallExpression') continue
      const properties = pattern.properties
      if (properties.some((p) => p.type === 'ObjectProperty' && p.value.type === 'Identifier' && p.value.name === request.name)) return false
      const last = properties[properties.length - 1]
      if (!last || last.type === 'RestElement') continue
      appendToList(edit, file.text, properties, imported === request.name ? request.name : `${imported}: ${request.name}`)
      return true
    }
  }
  return undefined
}

/** Appends an item to a `{ a, b }` list; a list written one item per line gets a new line in the same indentation. */
function appendToList(edit: MagicString, text: string, items: readonly Node[], item: string): void {
  const last = items[items.length - 1]!
  const lineStart = text.lastIndexOf('\n', last.start! - 1) + 1
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0]
  const multiline = lineStart > (items.length > 1 ? items[items.length - 2]!.end! : text.lastIndexOf('{', last.start!))
  edit.appendLeft(last.end!, multiline ? `,\n${indent}${item}` : `, ${item}`)
}

function insertStatement(edit: MagicString, program: Program, text: string, statement: string): void {
  const imports = program.body.filter((s) => s.type === 'ImportDeclaration' || isRequireStatement(s))
  const anchor = imports[imports.length - 1] ?? program.directives[program.directives.length - 1]
  if (anchor) {
    edit.appendLeft(anchor.end!, `\n${statement}`)
    return
  }
  // Babel's start excludes leading comments and the shebang, so a file header stays first.
  const first = program.body[0]
  const at = first ? first.start! : text.length
  edit.appendLeft(at, `${statement}\n${at < text.length ? '\n' : ''}`)
}

/** Whether the file mostly writes single or double quotes in its imports and strings. */
export function detectQuote(file: ParsedFile): "'" | '"' {
  let single = 0
  let double = 0
  for (const token of file.text.matchAll(/(?:from|require\(|import)\s*(['"])/g)) {
    if (token[1] === "'") single++
    else double++
  }
  if (single === 0 && double === 0) {
    single = (file.text.match(/'/g) ?? []).length
    double = (file.text.match(/"/g) ?? []).length
  }
  return double > single ? '"' : "'"
}

/** Whether statements in the file end with semicolons (majority of top-level statements). */
export function usesSemicolons(file: ParsedFile): boolean {
  let withSemi = 0
  let without = 0
  for (const statement of file.ast.program.body) {
    if (!['ImportDeclaration', 'ExpressionStatement', 'VariableDeclaration'].includes(statement.type)) continue
    if (file.text[statement.end! - 1] === ';') withSemi++
    else without++
  }
  if (withSemi + without === 0) {
    // Only functions and classes at top level (`export function f() { … }`): judge by the statements inside them.
    walk(file.ast.program, (node, ancestors) => {
      if (!['ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement'].includes(node.type)) return
      const parent = ancestors[ancestors.length - 1]
      if (parent?.type === 'ForStatement' || parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') return
      if (file.text[node.end! - 1] === ';') withSemi++
      else without++
    })
  }
  return withSemi >= without && withSemi > 0
}

function requireSource(statement: Statement): string | undefined {
  if (statement.type !== 'VariableDeclaration') return undefined
  for (const declarator of statement.declarations) {
    let init = declarator.init
    if (init?.type === 'MemberExpression') init = init.object
    if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments[0]?.type === 'StringLiteral') {
      return init.arguments[0].value
    }
  }
  return undefined
}

function isRequireStatement(statement: Statement): boolean {
  return requireSource(statement) !== undefined
}

function isModuleExports(statement: Statement): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return false
  const left = statement.expression.left
  return left.type === 'MemberExpression' && (
    (left.object.type === 'Identifier' && left.object.name === 'module') ||
    (left.object.type === 'MemberExpression' && left.object.object.type === 'Identifier' && left.object.object.name === 'module') ||
    (left.object.type === 'Identifier' && left.object.name === 'exports'))
}

const SPECIFIER_PATTERN = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm

/** Module specifiers a file's text imports, re-exports or requires (a text scan: cheap, no parse). */
export function specifiersIn(text: string): string[] {
  return [...text.matchAll(SPECIFIER_PATTERN)].map((match) => match[2]!)
}

/**
 * Resolves a specifier written in `from` to a repo file: relative paths, and tsconfig `paths`
 * aliases (`@/lib/prisma`); undefined for packages and anything that does not resolve.
 */
export function resolveImport(project: ProjectInfo, from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (specifier.startsWith('.')) return resolveRelative(from, specifier, exists)
  const tsconfig = project.tsconfigOf(from)
  if (!tsconfig?.paths) return undefined
  const base = posix.join(tsconfig.dir, tsconfig.baseUrl ?? '.')
  for (const [pattern, targets] of Object.entries(tsconfig.paths)) {
    const wildcard = pattern.endsWith('*')
    const prefix = wildcard ? pattern.slice(0, -1) : pattern
    if (wildcard ? !specifier.startsWith(prefix) : specifier !== pattern) continue
    const rest = wildcard ? specifier.slice(prefix.length) : ''
    for (const mapped of targets) {
      const target = posix.normalize(posix.join(base, mapped.replace('*', rest)))
      const found = resolveRelative('x', `./${target}`, exists)
      if (found) return found
    }
  }
  return undefined
}
