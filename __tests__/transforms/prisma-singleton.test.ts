import { describe, expect, it } from 'vitest'
import { defineTransform } from '../../src/define-transform.js'
import transform from '../../transforms/prisma-singleton.js'
import { findPrismaSingleton, type PrismaSingleton } from '../../transforms/lib/prisma.js'
import { defineFixtureTests, planTree, type Tree } from '../helpers/fixtures.js'

defineFixtureTests(transform)

/** Runs findPrismaSingleton inside a real plan, for the package of `near`. */
async function singletonOf(tree: Tree, near: string): Promise<PrismaSingleton | undefined> {
  let found: PrismaSingleton | undefined
  const probe = defineTransform({
    meta: { ...transform.meta, id: 'probe', options: {} },
    run(ctx) {
      found = findPrismaSingleton(ctx, { near })
      return { changes: [] }
    },
  })
  await planTree(tree, [probe])
  return found
}

const route = "import { PrismaClient } from '@prisma/client'\nconst prisma = new PrismaClient()\n"

describe('findPrismaSingleton', async () => {
  it('reads the older `let prisma; if (production) … else global.prisma` pattern with a default export', async () => {
    const db = [
      "import { PrismaClient } from '@prisma/client'",
      'let prisma',
      "if (process.env.NODE_ENV === 'production') {",
      '  prisma = new PrismaClient()',
      '} else {',
      '  if (!global.prisma) global.prisma = new PrismaClient()',
      '  prisma = global.prisma',
      '}',
      'export default prisma',
    ].join('\n')
    expect(await singletonOf({ 'package.json': '{}', 'src/utils/db.ts': db, 'src/a.ts': route }, 'src/a.ts')).toMatchObject({
      path: 'src/utils/db.ts', kind: 'client', exportName: 'default', localName: 'prisma', syntax: 'esm', packageDir: '', clientSource: '@prisma/client',
    })
  })

  it('reads CommonJS exports under another name, and a NestJS service', async () => {
    const cjs = "const { PrismaClient } = require('@prisma/client')\nconst client = new PrismaClient()\nexports.db = client\n"
    expect(await singletonOf({ 'db.js': cjs, 'a.js': route }, 'a.js')).toMatchObject({ path: 'db.js', exportName: 'db', localName: 'client', syntax: 'cjs' })
    const service = "import { PrismaClient } from '@prisma/client'\n@Injectable()\nexport class PrismaService extends PrismaClient {}\n"
    expect(await singletonOf({ 'src/prisma/prisma.service.ts': service, 'src/a.ts': route }, 'src/a.ts')).toMatchObject({ kind: 'nest-service', exportName: 'PrismaService' })
  })

  it('prefers the module the code imports, and never a test helper', async () => {
    const tree: Tree = {
      'src/lib/prisma.ts': "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n",
      'src/data/store.ts': "import { PrismaClient } from '@prisma/client'\nexport const store = new PrismaClient()\n",
      'src/routes/a.ts': "import { store } from '../data/store'\n",
      'src/routes/b.ts': "import { store } from '../data/store'\n",
      'test/helpers/db.ts': "import { PrismaClient } from '@prisma/client'\nexport const testDb = new PrismaClient()\n",
      'test/a.spec.ts': "import { testDb } from './helpers/db'\nimport { testDb as t } from './helpers/db'\n",
    }
    expect((await singletonOf(tree, 'src/routes/a.ts'))?.path).toBe('src/data/store.ts')
  })

  it('stays inside the file’s package, except for a workspace package it depends on', async () => {
    const client = "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n"
    const tree: Tree = {
      'apps/api/package.json': '{ "name": "api" }',
      'apps/api/src/db.ts': client,
      'apps/web/package.json': '{ "name": "web", "dependencies": { "@acme/db": "*" } }',
      'apps/web/src/a.ts': route,
      'apps/admin/package.json': '{ "name": "admin" }',
      'apps/admin/src/a.ts': route,
      'packages/db/package.json': '{ "name": "@acme/db", "main": "dist/index.js" }',
      'packages/db/src/index.ts': "export { prisma } from './client'\n",
      'packages/db/src/client.ts': client,
    }
    expect((await singletonOf(tree, 'apps/api/src/a.ts'))?.path).toBe('apps/api/src/db.ts')
    expect(await singletonOf(tree, 'apps/web/src/a.ts')).toMatchObject({ path: 'packages/db/src/client.ts', importFrom: '@acme/db' })
    expect(await singletonOf(tree, 'apps/admin/src/a.ts')).toBeUndefined()
  })

  it('ignores a module that only builds an extension client', async () => {
    const decoy = "import { PrismaClient } from '@prisma/client/extension'\nexport const client = new PrismaClient()\n"
    expect(await singletonOf({ 'src/lib/client.ts': decoy, 'src/a.ts': route }, 'src/a.ts')).toBeUndefined()
  })
})
