import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appendBlock, IgnoreRules } from '../../transforms/lib/env/gitignore.js'

const SETUPS: Array<Record<string, string>> = [
  { '.gitignore': '.env*\n!.env.example\n' },
  { '.gitignore': '*.env\n' },
  { '.gitignore': '/.env\n', 'apps/api/.gitignore': '!.env.local\n' },
  { '.gitignore': '.env\n', 'legacy/.gitignore': '!.env\n' },
  { '.gitignore': '.env.*\n!.env.example\n', 'a/.gitignore': '.env.example\n' },
  { '.gitignore': '*\n!*/\n!.gitignore\n' },
  { '.gitignore': 'apps/\n!apps/api/.env\n' },
  { '.gitignore': '**/.env\n.env*.local\n' },
  { '.gitignore': 'config/.env\n' },
]
const PATHS = ['.env', '.env.local', '.env.example', '.env.production', '.env.development.local', 'a/.env', 'a/.env.example', 'apps/api/.env', 'apps/api/.env.local', 'legacy/.env', 'config/.env', 'x/config/.env', 'api.env']

describe('IgnoreRules agrees with git check-ignore', () => {
  const root = mkdtempSync(join(tmpdir(), 'prod-fix-gitignore-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  SETUPS.forEach((setup, index) => {
    it(Object.entries(setup).map(([p, t]) => `${p}: ${t.trim().replace(/\n/g, ' ')}`).join(' | '), () => {
      const dir = join(root, String(index))
      mkdirSync(dir)
      execFileSync('git', ['init', '-q'], { cwd: dir })
      for (const [path, text] of Object.entries(setup)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
      const rules = new IgnoreRules(new Map(Object.entries(setup)))
      const gitIgnores = (path: string): boolean => {
        try {
          execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: dir })
          return true
        } catch {
          return false
        }
      }
      expect(PATHS.map((p) => [p, rules.ignores(p)])).toEqual(PATHS.map((p) => [p, gitIgnores(p)]))
    })
  })
})

describe('appendBlock', () => {
  it.each([
    ['', 'a\n'],
    ['x', 'x\n\na\n'],
    ['x\n', 'x\n\na\n'],
    ['x\n\n', 'x\n\na\n'],
    ['x\r\ny', 'x\r\ny\r\n\r\na\r\n'],
  ])('%j', (text, expected) => expect(appendBlock(text, ['a'])).toBe(expected))
})
