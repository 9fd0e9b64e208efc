import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'prod-fix.js')
const FILES = 150
const BEFORE = `import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient({ errorFormat: 'pretty' })\n${'// padding so that each write takes a little time\n'.repeat(8_000)}`
const AFTER = BEFORE.replace("errorFormat: 'pretty'", "errorFormat: process.env.NODE_ENV === 'production' ? 'minimal' : 'pretty'")

/** Starts an apply, sends the signal as soon as the first file has been replaced, and returns the files' states. */
async function interruptApply(signal: NodeJS.Signals): Promise<{ code: number | null; states: string[]; leftovers: string[] }> {
  const src = join(mkdtempSync(join(tmpdir(), 'prod-fix-kill-')), 'src')
  mkdirSync(src)
  for (let i = 0; i < FILES; i++) writeFileSync(join(src, `db${i}.ts`), BEFORE)
  const inodes = new Map(readdirSync(src).map((name) => [name, statSync(join(src, name)).ino]))
  const child = spawn(process.execPath, [BIN, '--yes', '--no-branch', '--only', 'prisma-error-format', join(src, '..')], { stdio: 'ignore' })
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
  // A rename gives the file a new inode: the first one seen means writing has begun.
  const started = (): boolean => [...inodes].some(([name, ino]) => statSync(join(src, name)).ino !== ino)
  while (child.exitCode === null && !started()) await new Promise((resolve) => setTimeout(resolve, 1))
  child.kill(signal)
  const code = await closed
  const names = readdirSync(src)
  const states = names.filter((n) => n.endsWith('.ts')).map((name) => {
    const text = readFileSync(join(src, name), 'utf8')
    return text === BEFORE ? 'old' : text === AFTER ? 'new' : 'corrupt'
  })
  return { code, states, leftovers: names.filter((n) => !n.endsWith('.ts')) }
}

describe('an apply interrupted mid-way', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s finishes the file being written, stops, and leaves no temporary file', async (signal) => {
    const { code, states, leftovers } = await interruptApply(signal)
    expect(states).toHaveLength(FILES)
    expect(states).not.toContain('corrupt')
    expect(states).toContain('new')
    expect(states).toContain('old')
    expect(leftovers).toEqual([])
    expect(code).toBe(2)
  })

  it('SIGKILL leaves every file old or new, never half-written', async () => {
    const { states } = await interruptApply('SIGKILL')
    expect(states).toHaveLength(FILES)
    expect(states).not.toContain('corrupt')
    expect(states).toContain('new')
  })
})
