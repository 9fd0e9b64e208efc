import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planFixes, type Plan } from '../../src/engine/plan.js'
import { memorySource } from '../../src/engine/source.js'
import type { OptionValue, Transform } from '../../src/types.js'

export const FIXTURES = join(import.meta.dirname, '..', '..', '__testfixtures__')

export type Tree = Record<string, string>

/** What a directory case may pin besides its output tree (`<case>/expect.json`). */
export interface Expectation {
  /** Each finding as `path:line` plus a substring of its message. */
  findings?: Array<{ path: string; line: number; message: string }>
  /** Files the transform cannot read: reported as errors (a substring of the message), left untouched. */
  errors?: Array<{ path: string; message: string }>
  /** Files that the fix stops tracking. */
  untracked?: string[]
  /** Input files git does not track (default: all tracked). */
  untrackedInput?: string[]
  options?: Record<string, OptionValue>
}

export interface FixtureCase {
  name: string
  input: Tree
  output: Tree | undefined
  expect: Expectation
}

/** Reads a folder into a path → text map (POSIX paths). */
export function readTree(dir: string): Tree {
  const tree: Tree = {}
  const visit = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = join(current, entry)
      if (statSync(full).isDirectory()) visit(full)
      else tree[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8')
    }
  }
  visit(dir)
  return tree
}

/**
 * Where a single-file case lives in its one-file repository: `__testfixtures__/<id>/fixture.json`
 * may say `{ "filename": "cloudbuild.yaml" }` (with `{name}` and `{ext}` placeholders);
 * the default is `src/{name}.{ext}`.
 */
export function fixtureFilename(id: string): (name: string, ext: string) => string {
  const settings = join(FIXTURES, id, 'fixture.json')
  const pattern = existsSync(settings) ? (JSON.parse(readFileSync(settings, 'utf8')) as { filename?: string }).filename : undefined
  return (name, ext) => (pattern ?? 'src/{name}.{ext}').replaceAll('{name}', name).replaceAll('{ext}', ext)
}

/** Lists the cases of a transform: `<case>.input.<ext>` (+ `.output.<ext>`) and `<case>/input/**` (+ `output/**`, `expect.json`). */
export function loadCases(id: string, filename: (name: string, ext: string) => string = fixtureFilename(id)): FixtureCase[] {
  const dir = join(FIXTURES, id)
  const cases: FixtureCase[] = []
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry)
    if (statSync(full).isDirectory()) {
      const expectFile = join(full, 'expect.json')
      cases.push({
        name: entry,
        input: readTree(join(full, 'input')),
        output: existsSync(join(full, 'output')) ? readTree(join(full, 'output')) : undefined,
        expect: existsSync(expectFile) ? (JSON.parse(readFileSync(expectFile, 'utf8')) as Expectation) : {},
      })
      continue
    }
    const match = /^(.+)\.input\.(.+)$/.exec(entry)
    if (!match) continue
    const [, name, ext] = match as unknown as [string, string, string]
    const path = filename(name, ext)
    const outputFile = join(dir, `${name}.output.${ext}`)
    cases.push({
      name,
      input: { [path]: readFileSync(full, 'utf8') },
      output: existsSync(outputFile) ? { [path]: readFileSync(outputFile, 'utf8') } : undefined,
      expect: {},
    })
  }
  return cases
}

/** Plans over an in-memory tree. */
export function planTree(tree: Tree, transforms: readonly Transform[], options: Record<string, Record<string, OptionValue>> = {}, untracked: readonly string[] = []): Promise<Plan> {
  return planFixes(memorySource(tree, untracked), { transforms, options })
}

/** The tree after every fix of the plan, and the files it stops tracking. */
export function applyToTree(tree: Tree, plan: Plan): { tree: Tree; untracked: string[] } {
  const next = { ...tree }
  const untracked: string[] = []
  for (const { change } of plan.fixes) {
    if (change.after === null) delete next[change.path]
    else next[change.path] = change.after
    if (change.untrack) untracked.push(change.path)
  }
  return { tree: next, untracked }
}

/**
 * The fixture test of a transform: for every case, the exact output (no trimming), no change
 * when there is no output, the expected findings, and idempotence (a second run on the output
 * proposes nothing). The engine itself rejects a change whose JS/TS output does not parse.
 */
export function defineFixtureTests(transform: Transform, settings: { filename?: (name: string, ext: string) => string; options?: Record<string, OptionValue> } = {}): void {
  const filename = settings.filename ?? fixtureFilename(transform.meta.id)
  describe(`${transform.meta.id} fixtures`, async () => {
    const cases = loadCases(transform.meta.id, filename)
    it('has cases', () => expect(cases.length).toBeGreaterThan(0))
    for (const fixture of cases) {
      it(fixture.name, async () => {
        const options = { [transform.meta.id]: { ...settings.options, ...fixture.expect.options } }
        const untrackedInput = fixture.expect.untrackedInput ?? []
        const plan = await planTree(fixture.input, [transform], options, untrackedInput)
        expect(plan.errors.map((e) => e.file)).toEqual((fixture.expect.errors ?? []).map((e) => e.path))
        fixture.expect.errors?.forEach((e, i) => expect(plan.errors[i]!.message).toContain(e.message))
        const result = applyToTree(fixture.input, plan)
        expect(result.tree).toEqual(fixture.output ?? fixture.input)
        if (!fixture.output) expect(plan.fixes).toEqual([])
        expect(result.untracked.sort()).toEqual([...(fixture.expect.untracked ?? [])].sort())
        if (fixture.expect.findings) {
          expect(plan.findings.map((f) => ({ path: f.path, line: f.line }))).toEqual(fixture.expect.findings.map((f) => ({ path: f.path, line: f.line })))
          fixture.expect.findings.forEach((f, i) => expect(plan.findings[i]!.message).toContain(f.message))
        }
        const again = await planTree(result.tree, [transform], options, [...untrackedInput, ...result.untracked])
        expect(again.fixes.map((f) => f.id)).toEqual([])
      })
    }
  })
}
