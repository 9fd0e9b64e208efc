import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderTransformsSection, updateReadme } from '../src/docs/transforms-section.js'
import { SEVERITIES } from '../src/types.js'
import { transforms } from '../transforms/index.js'

const ROOT = join(import.meta.dirname, '..')

describe('transform registry', () => {
  const files = readdirSync(join(ROOT, 'transforms')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort()

  it('lists every transform file once, under its file name', () => {
    expect(transforms.map((t) => t.meta.id).sort()).toEqual(files)
    expect(new Set(transforms.map((t) => t.meta.id)).size).toBe(transforms.length)
  })

  it.each(transforms.map((t) => [t.meta.id, t] as const))('%s has fixtures, a test file and complete metadata', (id, { meta }) => {
    expect(existsSync(join(ROOT, '__testfixtures__', id))).toBe(true)
    expect(existsSync(join(ROOT, '__tests__', 'transforms', `${id}.test.ts`))).toBe(true)
    expect(SEVERITIES).toContain(meta.severity)
    expect(meta.title).not.toMatch(/\.$/)
    expect(meta.audit.ref).not.toBe('')
    expect(meta.audit.finding).not.toBe('')
    expect(meta.description.length).toBeGreaterThan(40)
    expect(meta.files.length).toBeGreaterThan(0)
  })

  it('the README section is generated from the metadata (run `npm run docs` after changing it)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain(renderTransformsSection(transforms))
    expect(updateReadme(readme, transforms)).toBe(readme)
  })
})

describe('fixtures in git', () => {
  it('no fixture file is hidden by a .gitignore inside a fixture (commit such files with git add -f)', () => {
    const hidden = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '__testfixtures__'], { cwd: ROOT, encoding: 'utf8' })
    expect(hidden.split('\n').filter(Boolean)).toEqual([])
  })
})
