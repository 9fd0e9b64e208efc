import type { TransformContext } from '../../../src/types.js'

/** What the repository says about its database and connections, read once per run. */
export interface RepoFacts {
  /** undefined when the repository has no database client at all. */
  database: { env: string | undefined; cloudSql: boolean; why?: string } | undefined
  /** A Cloud SQL connection name found in the repository (`/cloudsql/P:R:I`), when exactly one is. */
  instance: string | undefined
  websockets: boolean
}

const SQL_CLIENTS = ['pg', 'postgres', 'mysql', 'mysql2', 'typeorm', 'sequelize', 'knex', 'drizzle-orm', 'kysely', '@prisma/client', 'prisma', '@mikro-orm/core', 'pg-promise', 'slonik', '@databases/pg']
const WEBSOCKET_PACKAGES = ['socket.io', 'ws', '@nestjs/websockets', '@fastify/websocket', 'uWebSockets.js', 'graphql-ws', '@hono/node-ws', 'express-ws']
/** Hosts of managed databases that are not Cloud SQL: attaching an instance would be wrong. */
const HOSTED = /\.(?:neon\.tech|supabase\.(?:co|com)|psdb\.cloud|render\.com|railway\.app|rlwy\.net|aivencloud\.com|rds\.amazonaws\.com|database\.azure\.com|cockroachlabs\.cloud|tembo\.io|xata\.sh|prisma-data\.net|timescale\.com)\b|prisma\+postgres:/i
export const CONNECTION_NAME = /\/cloudsql\/([a-z][a-z0-9-]*(?::[a-z0-9.-]+)?:[a-z0-9-]+:[a-z][a-z0-9-]*)/g

/** Reads the database client, its URL variable, any Cloud SQL connection name and WebSocket use. */
export function readRepoFacts(ctx: TransformContext): RepoFacts {
  const dependencies = new Set<string>()
  for (const path of ctx.glob(['**/package.json'])) {
    const json = safeJson(ctx.read(path))
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const deps = json?.[field]
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) dependencies.add(name)
    }
  }
  const schemas = ctx.glob(['**/*.prisma']).map((path) => ctx.read(path) ?? '')
  const provider = schemas.map((text) => /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(text)?.[1]).find(Boolean)
  const schemaEnv = schemas.map((text) => /datasource\s+\w+\s*\{[^}]*\burl\s*=\s*env\(\s*"(\w+)"\s*\)/.exec(text)?.[1]).find(Boolean)
  const configs = ctx.glob(['**/.env', '**/.env.*', '**/*.env', '**/*.{yaml,yml,toml,sh}', '**/Dockerfile*']).map((path) => ctx.read(path) ?? '')
  const instances = new Set(configs.flatMap((text) => [...text.matchAll(CONNECTION_NAME)].map((m) => m[1]!)))

  const hasSql = schemas.length > 0 ? provider !== 'sqlite' && provider !== 'mongodb' : SQL_CLIENTS.some((name) => dependencies.has(name))
  const hasMongo = provider === 'mongodb' || dependencies.has('mongoose') || dependencies.has('mongodb')
  let database: RepoFacts['database']
  if (hasSql || hasMongo || schemas.length > 0) {
    const env = schemaEnv ?? (configs.some((text) => /\bDATABASE_URL\b/.test(text)) ? 'DATABASE_URL' : undefined)
    const urls = configs.flatMap((text) => [...text.matchAll(new RegExp(`^\\s*(?:-\\s*)?(?:export\\s+)?["']?${env ?? 'DATABASE_URL'}["']?\\s*[=:]\\s*["']?([^\\s"']+)`, 'gm'))].map((m) => m[1]!))
    const external = urls.some((url) => url.includes('/cloudsql/')) ? undefined : urls.map(externalHost).find(Boolean)
    database = { env: provider === 'sqlite' ? undefined : env, cloudSql: hasSql && !external }
    if (!hasSql) database.why = provider === 'sqlite' ? 'the database is SQLite' : 'the database is MongoDB'
    else if (external) database.why = `the database URL points at ${external}, not a Cloud SQL instance`
  }
  return {
    database,
    instance: instances.size === 1 ? [...instances][0] : undefined,
    websockets: WEBSOCKET_PACKAGES.some((name) => dependencies.has(name)),
  }
}

/**
 * The host of a database URL that is clearly not Cloud SQL: a hosted provider or a DNS name of
 * its own. Local hosts, docker service names, IP addresses (Cloud SQL public IPs) and
 * placeholders say nothing.
 */
function externalHost(url: string): string | undefined {
  if (HOSTED.test(url)) return 'a hosted database provider'
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1]
  if (!authority) return undefined
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '')
  if (!host.includes('.') || /^[\d.]+$/.test(host) || /[A-Z$<{]|example|localhost|host\.docker\.internal/.test(host)) return undefined
  return host
}

/** Service names of front ends deployed next to the API: they get scaling flags, never the database. */
export function looksLikeFrontend(service: string | undefined): boolean {
  return service !== undefined && /(?:^|[-_])(?:web|frontend|front|ui|site|www|landing|docs)(?:$|[-_])/i.test(service)
}

function safeJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
