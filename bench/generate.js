// Deterministic synthetic monorepos for `npm run bench`: the same (files, density, seed) always
// gives byte-identical trees, so runs on different machines and days compare.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Files per workspace package; a package also holds package.json, tsconfig.json and env files. */
const PACKAGE_SIZE = 250

const NOUNS = ['order', 'invoice', 'customer', 'product', 'cart', 'payment', 'shipment', 'region', 'tax', 'discount', 'user', 'session', 'inventory', 'price', 'fulfillment', 'return', 'store', 'channel', 'currency', 'note', 'campaign', 'refund', 'address', 'workflow']
const VERBS = ['create', 'update', 'list', 'retrieve', 'delete', 'validate', 'compute', 'sync', 'archive', 'restore', 'merge', 'export']
const COMMENTS = [
  'Keep the order stable: callers rely on it for pagination.',
  'The amount is in the smallest currency unit.',
  'Fall back to the default region when none is configured.',
  'Batch size chosen to stay under the query parameter limit.',
  'Normalise before comparing; inputs come from several channels.',
  'Retries are handled by the caller.',
  'Skip soft-deleted rows unless explicitly requested.',
]

/** mulberry32: a tiny seeded PRNG, good enough for shaping test data. */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Writes a workspace monorepo of exactly `files` files under `dir`. `density` is the share of
 * source files that hold something prod-fix acts on (console calls, route handlers, stray
 * Prisma clients, health checks, entry files with shutdown handlers) and scales how many env
 * files and Cloud Build configs the packages carry. Returns counts by kind.
 */
export function generateRepository(dir, { files, density, seed }) {
  const rand = random(seed)
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const counts = {}
  let written = 0
  const write = (path, text, kind) => {
    if (written >= files) return
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text)
    written++
    counts[kind] = (counts[kind] ?? 0) + 1
  }

  write('package.json', JSON.stringify({ name: 'synthetic-monorepo', private: true, type: 'module', workspaces: ['packages/*'] }, null, 2) + '\n', 'config')
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n*.log\n', 'config')
  const packages = Math.max(1, Math.round(files / PACKAGE_SIZE))
  const perPackage = Math.ceil((files - 2) / packages)
  for (let p = 0; p < packages && written < files; p++) {
    const base = `packages/${pick(NOUNS)}-${p}`
    const start = written
    const module = rand() < 0.8 ? 'esm' : 'cjs'
    write(`${base}/package.json`, JSON.stringify({ name: `@synthetic/pkg-${p}`, version: '1.0.0', ...(module === 'esm' ? { type: 'module' } : {}), main: 'dist/index.js', dependencies: { '@prisma/client': '^5.22.0', express: '^4.21.0', pino: '^9.5.0' } }, null, 2) + '\n', 'config')
    write(`${base}/tsconfig.json`, '{\n  "compilerOptions": { "target": "ES2022", "module": "NodeNext", "strict": true, "outDir": "dist" },\n  "include": ["src"]\n}\n', 'config')
    write(`${base}/src/lib/logger.ts`, "import pino from 'pino'\n\nexport const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' })\n", 'logger')
    write(`${base}/src/lib/prisma.ts`, prismaSingleton(), 'singleton')
    if (rand() < Math.min(1, density * 4)) write(`${base}/.env`, envFile(p, rand), 'env')
    if (rand() < Math.min(1, density * 4)) write(`${base}/.env.example`, 'DATABASE_URL=postgresql://user:password@localhost:5432/app\nLOG_LEVEL=info\n', 'env')
    if (rand() < Math.min(1, density * 2)) write(`${base}/cloudbuild.yaml`, cloudbuild(p), 'cloudbuild')
    for (let i = 0; written - start < perPackage && written < files; i++) {
      const noun = pick(NOUNS)
      const name = `${noun}-${p}-${i}`
      if (rand() < density) {
        const kind = pick(['console', 'console', 'console', 'console', 'route', 'route', 'stray-client', 'health', 'entry'])
        write(`${base}/src/${kind === 'route' || kind === 'health' ? 'routes' : 'services'}/${name}.ts`, patternFile(kind, noun, rand, pick), kind)
        continue
      }
      const shape = rand()
      if (shape < 0.1) write(`${base}/src/__tests__/${name}.test.ts`, testFile(noun, rand, pick), 'test')
      else if (shape < 0.15) write(`${base}/src/components/${name}.tsx`, component(noun), 'component')
      else if (shape < 0.2) write(`${base}/src/utils/${name}.js`, plainModule(noun, rand, pick, 'js'), 'plain')
      else write(`${base}/src/services/${name}.ts`, plainModule(noun, rand, pick, 'ts'), 'plain')
    }
  }
  return { files: written, counts }
}

const capital = (word) => word[0].toUpperCase() + word.slice(1)

/**
 * Share of ordinary modules mentioning "already" or "ready" (error messages, comments): in the
 * repositories of shared/corpus.md it is 3–10 % of the JS/TS files. Prefilters that look for
 * "ready" meet them.
 */
const READY_SHARE = 0.06

function plainModule(noun, rand, pick, ext) {
  const type = capital(noun)
  const typed = ext === 'ts'
  const out = [`import { ${pick(VERBS)}${capital(pick(NOUNS))} } from './${pick(NOUNS)}-helpers${typed ? '' : '.js'}'`, '']
  if (rand() < READY_SHARE) out.push(`export const ${noun.toUpperCase()}_EXISTS = '${type} already exists'`, '')
  if (typed) out.push(`export interface ${type} {`, '  id: string', '  createdAt: Date', `  metadata: Record<string, unknown> | null`, '}', '')
  const functions = 2 + Math.floor(rand() * 8)
  for (let f = 0; f < functions; f++) {
    const verb = pick(VERBS)
    out.push(`// ${pick(COMMENTS)}`)
    out.push(`export async function ${verb}${type}${f}(input${typed ? `: Partial<${type}>` : ''}, limit = ${10 + f}) {`)
    out.push(`  const items = []`, `  for (let i = 0; i < limit; i++) {`, `    if (!input.id) continue`, `    items.push({ ...input, index: i, key: \`${noun}:\${input.id}:\${i}\` })`, '  }')
    out.push(`  return items.filter((item) => item.index % ${2 + f} !== 0).map((item) => item.key)`, '}', '')
  }
  return out.join('\n')
}

function patternFile(kind, noun, rand, pick) {
  const type = capital(noun)
  if (kind === 'console') {
    return `${plainModule(noun, rand, pick, 'ts')}
export async function report${type}(id: string) {
  console.log(\`${noun} \${id} reported\`)
  try {
    return await ${pick(VERBS)}${type}0({ id })
  } catch (error) {
    console.error('Failed to report ${noun}', error)
    throw error
  }
}
`
  }
  if (kind === 'route') {
    return `import { Router } from 'express'
import { prisma } from '../lib/prisma'

export const ${noun}Router = Router()

${noun}Router.get('/${noun}s', async (req, res) => {
  const items = await prisma.${noun}.findMany({ take: Number(req.query.limit ?? 20) })
  res.json({ items })
})

${noun}Router.post('/${noun}s', async (req, res) => {
  try {
    const created = await prisma.${noun}.create({ data: req.body })
    res.status(201).json(created)
  } catch (error) {
    console.error('Could not create ${noun}', error)
    res.status(500).json({ error: 'Internal error' })
  }
})
`
  }
  if (kind === 'stray-client') {
    return `import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient()

export async function count${type}s() {
  return prisma.${noun}.count()
}
`
  }
  if (kind === 'health') {
    return `import { Router } from 'express'

export const health = Router()

health.get('/health', (_req, res) => res.json({ status: 'ok' }))

health.get('/health/ready', async (_req, res) => {
  // TODO: check the database
  const dbHealthy = true
  res.status(dbHealthy ? 200 : 503).json({ status: dbHealthy ? 'ready' : 'not_ready' })
})
`
  }
  return `import express from 'express'

const app = express()
const port = Number(process.env.PORT ?? 3000)

app.listen(port, () => {
  console.log(\`listening on \${port}\`)
})

process.on('SIGTERM', () => {
  // TODO: Close database connections
  process.exit(0)
})
`
}

function testFile(noun, rand, pick) {
  const type = capital(noun)
  return `import { describe, expect, it } from 'vitest'
import { ${pick(VERBS)}${type}0 } from '../services/${noun}'

describe('${noun}', () => {
  it('keeps the order of ${noun}s', async () => {
    const keys = await ${pick(VERBS)}${type}0({ id: 'a' }, ${Math.floor(rand() * 20)})
    expect(keys).toEqual([...keys].sort())
  })
})
`
}

function component(noun) {
  const type = capital(noun)
  return `import { useState } from 'react'

export function ${type}Card({ ${noun} }: { ${noun}: { id: string; name: string } }) {
  const [open, setOpen] = useState(false)
  return (
    <section className="card" onClick={() => setOpen(!open)}>
      <h2>{${noun}.name}</h2>
      {open && <p>{${noun}.id}</p>}
    </section>
  )
}
`
}

function prismaSingleton() {
  return `import { PrismaClient } from '@prisma/client'

const globalForPrisma = globalThis as typeof globalThis & { prisma?: PrismaClient }

export const prisma = globalForPrisma.prisma ?? new PrismaClient()

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma
`
}

function envFile(p, rand) {
  // Fake, generated values: high-entropy so secret detection has work to do.
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('')
  return `NODE_ENV=development
DATABASE_URL=postgresql://app:${hex(24)}@db-${p}.internal:5432/app?sslmode=require
JWT_SECRET=${hex(48)}
LOG_LEVEL=debug
`
}

function cloudbuild(p) {
  return `steps:
  - name: 'gcr.io/cloud-builders/docker'
    args: ['build', '-t', 'gcr.io/$PROJECT_ID/svc-${p}:$COMMIT_SHA', '.']
  - name: 'gcr.io/google.com/cloudsdktool/cloud-sdk'
    entrypoint: gcloud
    args: ['run', 'deploy', 'svc-${p}', '--image', 'gcr.io/$PROJECT_ID/svc-${p}:$COMMIT_SHA', '--region', 'us-central1', '--timeout', '300']
`
}
