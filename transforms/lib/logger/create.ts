import { applyEdits, modify, parse } from 'jsonc-parser'
import type { FileChange, TransformContext } from '../../../src/types.js'
import type { LoggerModule } from './discover.js'
import { methodsOf } from './discover.js'
import { filesUnder } from '../sorted-files.js'

export type LoggerLibrary = 'pino' | 'winston'

const VERSIONS = { pino: '^9.6.0', 'pino-pretty': '^13.0.0', winston: '^3.17.0' }

/** Where a package without a logger gets one: `<package>/src/lib/logger.<ext>` (or `lib/` when it has no `src/`). */
export function plannedLoggerPath(ctx: TransformContext, packageDir: string, typescript: boolean): string {
  const prefix = packageDir ? `${packageDir}/` : ''
  const hasSrc = filesUnder(ctx.files, `${prefix}src`).length > 0
  return `${prefix}${hasSrc ? 'src/' : ''}lib/logger.${typescript ? 'ts' : 'js'}`
}

/** The module a new logger lives in, described as if it had been discovered. */
export function plannedLogger(path: string, packageDir: string, packageName: string | undefined, library: LoggerLibrary): LoggerModule {
  return { path, exportName: 'logger', localName: 'logger', kind: library, methods: methodsOf(library), packageDir, packageName, importers: 0 }
}

/**
 * The text of a new logger module: level from LOG_LEVEL, JSON lines in production, pretty output
 * only in development (pino-pretty is a devDependency, so it must not load in production).
 */
export function loggerModuleText(library: LoggerLibrary, syntax: 'esm' | 'cjs', style: { quote: string; semi: string }): string {
  const { semi } = style
  const q = (text: string): string => `${style.quote}${text}${style.quote}`
  const importLine = syntax === 'esm' ? `import ${library} from ${q(library)}${semi}` : `const ${library} = require(${q(library)})${semi}`
  const exportPrefix = syntax === 'esm' ? 'export ' : ''
  const exportLine = syntax === 'esm' ? '' : `\nmodule.exports = { logger }${semi}\n`
  const body = library === 'pino'
    ? `/** The application's logger: JSON lines in production, readable output in development. */
${exportPrefix}const logger = pino({
  level: process.env.LOG_LEVEL || ${q('info')},
  ...(process.env.NODE_ENV === ${q('development')} ? { transport: { target: ${q('pino-pretty')} } } : {}),
})${semi}
`
    : `const { combine, timestamp, errors, json, colorize, simple } = winston.format${semi}

/** The application's logger: JSON lines in production, readable output in development. */
${exportPrefix}const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || ${q('info')},
  format: process.env.NODE_ENV === ${q('development')}
    ? combine(errors({ stack: true }), colorize(), simple())
    : combine(errors({ stack: true }), timestamp(), json()),
  transports: [new winston.transports.Console()],
})${semi}
`
  return `${importLine}\n\n${body}${exportLine}`
}

/**
 * Adds the logger library (and pino-pretty as a devDependency) to a package.json, editing only the
 * dependency maps so the rest of the file keeps its formatting. Undefined when nothing is missing.
 */
export function addLoggerDependencies(ctx: TransformContext, packageJsonPath: string, library: LoggerLibrary): FileChange | undefined {
  const before = ctx.read(packageJsonPath)
  if (before === undefined) return undefined
  const json = parse(before) as Record<string, Record<string, string> | undefined> | undefined
  if (!json || typeof json !== 'object') return undefined
  const wanted: Array<[string, string, string]> = [['dependencies', library, VERSIONS[library]]]
  if (library === 'pino') wanted.push(['devDependencies', 'pino-pretty', VERSIONS['pino-pretty']])
  const indent = /\n([ \t]+)"/.exec(before)?.[1] ?? '  '
  let after = before
  for (const [field, name, version] of wanted) {
    if (json.dependencies?.[name] || json.devDependencies?.[name]) continue
    const edits = modify(after, [field, name], version, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.length, eol: '\n' } })
    after = applyEdits(after, edits)
  }
  return after === before ? undefined : { path: packageJsonPath, before, after, reason: `add ${library} for the new logger` }
}
