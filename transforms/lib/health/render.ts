import type { DatabaseAccess } from '../shutdown/client.js'
import type { Style } from '../shutdown/rewrite.js'
import type { Framework } from './routes.js'

/** Statements that check the database, the expression that is true when it answered, and the response body. */
export interface ReadinessCheck {
  lines: string[]
  healthy: string
  body: string
}

/** The check for an access: the project's helper as it returns, else `SELECT 1` with its latency. */
export function readinessCheck(access: DatabaseAccess, style: Style): ReadinessCheck {
  const { quote: q, semi } = style
  const status = (healthy: string): string => `status: ${healthy} ? ${q}ready${q} : ${q}not_ready${q}`
  if (access.kind === 'helper' && access.helper.returns === 'object') {
    return { lines: [`const database = await ${access.name}()${semi}`], healthy: 'database.healthy', body: `{ ${status('database.healthy')}, database }` }
  }
  if (access.kind === 'helper') {
    return { lines: [`const healthy = await ${access.name}()${semi}`], healthy: 'healthy', body: `{ ${status('healthy')}, database: { healthy } }` }
  }
  return {
    lines: [
      `const startedAt = Date.now()${semi}`,
      `const healthy = await ${access.expression}.$queryRaw\`SELECT 1\`.then(() => true, () => false)${semi}`,
    ],
    healthy: 'healthy',
    body: `{ ${status('healthy')}, database: { healthy, latencyMs: Date.now() - startedAt } }`,
  }
}

/** The expression that is true when the database answered, for a `const dbHealthy = …` placeholder. */
export function healthyExpression(access: DatabaseAccess): string {
  if (access.kind === 'helper') return access.helper.returns === 'object' ? `(await ${access.name}()).healthy` : `await ${access.name}()`
  return `await ${access.expression}.$queryRaw\`SELECT 1\`.then(() => true, () => false)`
}

/** Names of the handler parameters a response needs: Express `res`, Hono `c`, Fastify `reply`. */
export interface ResponseNames {
  response: string
}

/** The statements of a readiness handler: the check, then 200 or 503 in the framework's own words. */
export function readinessStatements(framework: Framework, check: ReadinessCheck, names: ResponseNames, style: Style): string[] {
  const { semi } = style
  const code = `${check.healthy} ? 200 : 503`
  switch (framework) {
    case 'express':
      return [...check.lines, `${names.response}.status(${code}).json(${check.body})${semi}`]
    case 'hono':
      return [...check.lines, `return ${names.response}.json(${check.body}, ${code})${semi}`]
    case 'fastify':
      return [...check.lines, `return ${names.response}.code(${code}).send(${check.body})${semi}`]
    case 'nest':
      return [...check.lines, `const result = ${check.body}${semi}`, `if (!${check.healthy}) throw new ServiceUnavailableException(result)${semi}`, `return result${semi}`]
  }
}

/** A block of statements at `indent` (the braces at `indent`, the statements one level in). */
export function block(statements: readonly string[], indent: string, style: Style): string {
  return `{\n${statements.map((s) => `${indent}${style.indent}${s}`).join('\n')}\n${indent}}`
}
