import { describe, expect, it } from 'vitest'
import transform from '../../transforms/pool-params.js'
import { defineFixtureTests, planTree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

const PRISMA = { 'package.json': '{ "dependencies": { "@prisma/client": "^5.0.0" } }' }

describe('pool-params notes and safety', async () => {
  it('explains why a driver adapter URL is left alone', async () => {
    const plan = await planTree({ 'package.json': '{ "dependencies": { "@prisma/client": "^6.0.0", "@prisma/adapter-pg": "^6.0.0" } }', '.env': 'DATABASE_URL=postgresql://a@db:5432/a\n' }, [transform])
    expect(plan.fixes).toEqual([])
    expect(plan.notes.map((n) => [n.path, n.line])).toEqual([['.env', 1]])
    expect(plan.notes[0]!.message).toContain('@prisma/adapter-pg, which ignores pool parameters')
  })

  it('treats Prisma 7 as adapter-only', async () => {
    const plan = await planTree({ 'package.json': '{ "dependencies": { "@prisma/client": "^7.1.0" } }', '.env': 'DATABASE_URL=postgresql://a@db:5432/a\n' }, [transform])
    expect(plan.fixes).toEqual([])
  })

  it('reads the variable from prisma.config.ts', async () => {
    const tree = { ...PRISMA, 'prisma.config.ts': "export default defineConfig({ datasource: { url: env('PG_URL') } })\n", '.env': 'PG_URL=postgres://a@db:5432/a\nDATABASE_URL=postgres://b@db:5432/b\n' }
    const plan = await planTree(tree, [transform])
    expect(plan.fixes.map((f) => f.change.after)).toEqual(['PG_URL=postgres://a@db:5432/a?connection_limit=10&pool_timeout=20&connect_timeout=15\nDATABASE_URL=postgres://b@db:5432/b\n'])
  })

  it('never puts a value in a finding, note or error', async () => {
    const tree = { ...PRISMA, '.env': 'DATABASE_URL=postgresql://u:hunter2-secret@db:5432/a\nDATABASE_URL="postgresql://u:hunter3-secret@db:5432/a\n', '.env.local': 'DATABASE_URL=postgresql://u:hunter4-secret@HOST:PORT/a\n' }
    const plan = await planTree(tree, [transform])
    expect(plan.errors).toHaveLength(1)
    expect(JSON.stringify([plan.findings, plan.notes, plan.errors])).not.toMatch(/hunter/)
  })

  it('reports an unreadable line only when it blocks a fix or may hold the URL', async () => {
    const complete = 'DATABASE_URL=postgres://a@db:5432/a?connection_limit=1&pool_timeout=2&connect_timeout=3\nBARE_KEY\n'
    expect((await planTree({ ...PRISMA, '.env': complete }, [transform])).errors).toEqual([])
    const broken = await planTree({ ...PRISMA, '.env': 'PORT=1\nDATABASE_URL="postgres://a@db:5432/a\n' }, [transform])
    expect(broken.fixes).toEqual([])
    expect(broken.errors).toEqual([
      { file: '.env', transform: 'pool-params', message: 'line 2 is not a KEY=value line that dotenv can read (unterminated double quote); left unchanged (fix the file and run prod-fix again)' },
    ])
  })

  it('reads a compose file that starts with a document marker', async () => {
    const compose = '---\nservices:\n  api:\n    environment:\n      DATABASE_URL: postgres://a@db:5432/a\n'
    const plan = await planTree({ ...PRISMA, 'compose.yaml': compose }, [transform])
    expect(plan.findings).toEqual([])
    expect(plan.fixes.map((f) => f.change.after)).toEqual([compose.replace('5432/a', '5432/a?connection_limit=10&pool_timeout=20&connect_timeout=15')])
  })

  it('leaves URLs read by a non-Prisma project alone, and says so', async () => {
    const tree = { 'api/package.json': PRISMA['package.json'], 'worker/pyproject.toml': '[project]\n', 'worker/.env': 'DATABASE_URL=postgres://a@db:5432/a\n', '.env': 'DATABASE_URL=postgres://a@db:5432/a\n' }
    const plan = await planTree(tree, [transform])
    expect(plan.fixes.map((f) => f.change.path)).toEqual(['.env'])
    expect(plan.notes.map((n) => [n.path, n.message])).toEqual([['worker/.env', 'DATABASE_URL left as is: it is read by the project in worker, which does not use Prisma; its driver may reject Prisma\'s pool parameters']])
  })

  it('reports bad options as findings and falls back to the defaults', async () => {
    const plan = await planTree({ ...PRISMA, '.env': 'DATABASE_URL=postgres://a@db:5432/a\n' }, [transform], { 'pool-params': { connection_limit: 0, perFile: { '.env': 'max=3' } } })
    expect(plan.findings.map((f) => f.message)).toEqual([
      'pool-params options: connection_limit must be a whole number of at least 1; using 10',
      'pool-params options: perFile[".env"] names "max"; expected connection_limit, pool_timeout, connect_timeout',
    ])
    expect(plan.fixes[0]!.change.after).toContain('connection_limit=10&')
  })
})
