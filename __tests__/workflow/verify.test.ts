import { mkdirSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runWorkflow } from '../../src/workflow/index.js'
import prismaErrorFormat from '../../transforms/prisma-error-format.js'
import { createTmpRepo, type TmpRepo } from '../helpers/tmp-repo.js'
import { markTodo } from './test-transforms.js'

const typescript = dirname(createRequire(import.meta.url).resolve('typescript/package.json'))

let repo: TmpRepo
afterEach(() => repo?.cleanup())

describe('runWorkflow with the type check', () => {
  it('commits the fixes that keep the repository type-checking and leaves out the one that breaks it', async () => {
    // No @types/node: the error-format fix's `process.env` is a new type error; the todo fix is harmless.
    repo = createTmpRepo({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['src'] }),
      'src/db.ts': "declare class PrismaClient { constructor(options?: { errorFormat?: string }) }\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n",
      'notes.txt': 'todo: rotate keys\n',
      '.gitignore': 'node_modules/\n',
    })
    mkdirSync(join(repo.root, 'node_modules', '.bin'), { recursive: true })
    symlinkSync(typescript, join(repo.root, 'node_modules', 'typescript'), 'dir')
    symlinkSync(join(typescript, 'bin', 'tsc'), join(repo.root, 'node_modules', '.bin', 'tsc'))

    const result = await runWorkflow({ root: repo.root, transforms: [prismaErrorFormat, markTodo], branch: 'prod-fix/checked' })
    expect(result.status).toBe('committed')
    expect(repo.subjects('main..prod-fix/checked')).toEqual(['fix(mark-todo): Capitalise todo markers'])
    expect(result.fixes.map((o) => [o.fix.id, o.status])).toEqual([
      ['prisma-error-format:src/db.ts', 'failed'],
      ['mark-todo:notes.txt', 'applied'],
    ])
    expect(result.verification?.failed[0]?.diagnostics[0]?.file).toBe('src/db.ts')
    expect(repo.read('src/db.ts')).toContain("errorFormat: 'pretty'")
    expect(repo.git('status', '--porcelain')).toBe('')
  })
})
