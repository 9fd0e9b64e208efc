import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Fix } from '../engine/plan.js'
import type { Diagnostic } from './typecheck.js'

/** The repository's own Prisma CLI entry, if installed. */
export function prismaCli(root: string): string | undefined {
  const entry = join(root, 'node_modules', 'prisma', 'build', 'index.js')
  return existsSync(entry) ? entry : undefined
}

/** `prisma validate --schema <path>`: undefined when valid, else the first error line. */
export function validateSchema(root: string, cli: string, schema: string, timeoutMs: number): string | undefined {
  const result = spawnSync(process.execPath, [cli, 'validate', '--schema', schema], { cwd: root, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' } })
  if (result.status === 0) return undefined
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trim())
  return lines.find((line) => /error/i.test(line)) ?? lines.find(Boolean) ?? `exit code ${result.status}`
}

/** The schema files fixes touch that validate before applying: only these are checked after (a schema already invalid proves nothing). */
export function validSchemasBefore(root: string, fixes: readonly Fix[], timeoutMs: number): { cli: string; schemas: string[] } | undefined {
  const cli = prismaCli(root)
  const touched = [...new Set(fixes.map((fix) => fix.change.path).filter((path) => path.endsWith('.prisma')))]
  if (!cli || touched.length === 0) return undefined
  return { cli, schemas: touched.filter((schema) => existsSync(join(root, schema)) && validateSchema(root, cli, schema, timeoutMs) === undefined) }
}

/** After applying: the schemas that no longer validate, as diagnostics. */
export function brokenSchemas(root: string, before: { cli: string; schemas: string[] }, applied: readonly Fix[], timeoutMs: number): Diagnostic[] {
  const appliedPaths = new Set(applied.map((fix) => fix.change.path))
  return before.schemas
    .filter((schema) => appliedPaths.has(schema))
    .flatMap((schema) => {
      const error = validateSchema(root, before.cli, schema, timeoutMs)
      return error === undefined ? [] : [{ file: schema, line: 0, code: 'prisma-validate', message: error }]
    })
}
