import { describe, expect, it } from 'vitest'
import { formatDiagnostic, newDiagnostics, parseDiagnostics } from '../../src/verify/typecheck.js'

describe('parseDiagnostics', () => {
  it('reads plain and pretty tsc output, joins message chains, and makes paths repo-relative', () => {
    const output = [
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "/repo/src/b.ts:10:1 - error TS2304: Cannot find name 'prisma'.",
      '',
      '10 prisma.$connect()',
      '   ~~~~~~',
      "src/c.ts(1,1): error TS2345: Argument of type '{ a: string; }' is not assignable to parameter of type 'Options'.",
      "  Object literal may only specify known properties, and 'a' does not exist in type 'Options'.",
      'error TS5083: Cannot read file tsconfig.base.json.',
      'Found 4 errors.',
    ].join('\n')
    expect(parseDiagnostics(output, '/repo')).toEqual([
      { file: 'src/a.ts', line: 3, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." },
      { file: 'src/b.ts', line: 10, code: 'TS2304', message: "Cannot find name 'prisma'." },
      {
        file: 'src/c.ts',
        line: 1,
        code: 'TS2345',
        message: "Argument of type '{ a: string; }' is not assignable to parameter of type 'Options'. Object literal may only specify known properties, and 'a' does not exist in type 'Options'.",
      },
      { file: '', line: 0, code: 'TS5083', message: 'Cannot read file tsconfig.base.json.' },
    ])
  })
})

describe('newDiagnostics', () => {
  const d = (file: string, line: number, message: string) => ({ file, line, code: 'TS2304', message })

  it('ignores line shifts and counts repeats: only diagnostics the fixes added remain', () => {
    const before = [d('a.ts', 3, "Cannot find name 'x'."), d('a.ts', 9, "Cannot find name 'x'.")]
    const after = [d('a.ts', 5, "Cannot find name 'x'."), d('a.ts', 11, "Cannot find name 'x'."), d('a.ts', 12, "Cannot find name 'x'."), d('b.ts', 1, "Cannot find name 'y'.")]
    expect(newDiagnostics(before, after).map(formatDiagnostic)).toEqual(["a.ts:12 TS2304 Cannot find name 'x'.", "b.ts:1 TS2304 Cannot find name 'y'."])
  })
})
