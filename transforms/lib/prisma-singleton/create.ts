import { posix } from 'node:path'

export interface SingletonStyle {
  typescript: boolean
  syntax: 'esm' | 'cjs'
  quote: "'" | '"'
  semicolons: boolean
  /** Where PrismaClient comes from, as the new module must write it. */
  clientSource: string
}

/**
 * The text of a new singleton module: one client per process, cached on globalThis so hot reloads
 * in development reuse it, verbose logs and pretty errors only outside production.
 */
export function singletonSource(style: SingletonStyle): string {
  const q = style.quote
  const s = style.semicolons ? ';' : ''
  const env = `process.env.NODE_ENV`
  const lines: string[] = []
  lines.push(style.syntax === 'esm'
    ? `import { PrismaClient } from ${q}${style.clientSource}${q}${s}`
    : `const { PrismaClient } = require(${q}${style.clientSource}${q})${s}`)
  lines.push('')
  lines.push('// One client (one connection pool) per process; development hot reloads reuse the cached one.')
  lines.push(style.typescript
    ? `const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }${s}`
    : `const globalForPrisma = globalThis${s}`)
  lines.push('')
  lines.push(`${style.syntax === 'esm' ? 'export ' : ''}const prisma =`)
  lines.push('  globalForPrisma.prisma ??')
  lines.push('  new PrismaClient({')
  lines.push(`    log: ${env} === ${q}development${q} ? [${q}query${q}, ${q}warn${q}, ${q}error${q}] : [${q}warn${q}, ${q}error${q}],`)
  lines.push(`    errorFormat: ${env} === ${q}production${q} ? ${q}minimal${q} : ${q}pretty${q},`)
  lines.push(`  })${s}`)
  lines.push('')
  lines.push(`if (${env} !== ${q}production${q}) globalForPrisma.prisma = prisma${s}`)
  if (style.syntax === 'cjs') lines.push('', `module.exports = { prisma }${s}`)
  return `${lines.join('\n')}\n`
}

/**
 * Where to create the singleton for a package: the configured path inside the package
 * (`src/lib/prisma.ts`), without `src/` when the package keeps its code at its root, with the
 * extension of the package's language, and never over an existing file.
 */
export function newSingletonPath(packageDir: string, configured: string, files: readonly string[], typescript: boolean, extension: string): string {
  const prefix = packageDir ? `${packageDir}/` : ''
  let relative = configured.replace(/^\.\//, '')
  if (relative.startsWith('src/') && !files.some((file) => file.startsWith(`${prefix}src/`))) relative = relative.slice('src/'.length)
  if (!typescript) relative = relative.replace(/\.[cm]?tsx?$/, extension)
  const taken = new Set(files)
  const base = posix.join(packageDir, relative)
  if (!taken.has(base)) return base
  const ext = posix.extname(base)
  for (let n = 2; ; n++) {
    const next = `${base.slice(0, -ext.length)}-client${n === 2 ? '' : n}${ext}`
    if (!taken.has(next)) return next
  }
}
