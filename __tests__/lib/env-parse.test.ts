import dotenv from 'dotenv'
import { describe, expect, it } from 'vitest'
import { duplicateKeys, envEntries, envProblems, isEnvFile, isEnvTemplate, parseEnvLines } from '../../transforms/lib/env/parse.js'

const SAMPLE = [
  'A=1',
  '# comment',
  '',
  'export B = "x y" # trailing',
  "C='single # not a comment'",
  'D="multi',
  'line"',
  'E=unquoted # comment',
  'F: colon',
  'G=',
  'H= spaced ',
  'I=`back`',
  'J=last',
].join('\r\n')

describe('parseEnvLines', () => {
  const lines = parseEnvLines(SAMPLE)

  it('reads every value as dotenv.parse does', () => {
    const values = Object.fromEntries(envEntries(lines).map((e) => [e.key, e.value]))
    expect(values).toEqual(dotenv.parse(SAMPLE))
  })

  it('gives the offsets of the written value, inside the quotes', () => {
    const written = Object.fromEntries(envEntries(lines).map((e) => [e.key, SAMPLE.slice(e.valueStart, e.valueEnd)]))
    expect(written).toMatchObject({ A: '1', B: 'x y', C: 'single # not a comment', D: 'multi\r\nline', E: 'unquoted', G: '', H: 'spaced', I: 'back' })
  })

  it('numbers lines across CRLF and multi-line values', () => {
    expect(lines.map((l) => [l.kind, l.line])).toEqual([
      ['entry', 1], ['comment', 2], ['blank', 3], ['entry', 4], ['entry', 5], ['entry', 6],
      ['entry', 8], ['entry', 9], ['entry', 10], ['entry', 11], ['entry', 12], ['entry', 13],
    ])
    expect(envEntries(lines).find((e) => e.key === 'B')!.quote).toBe('"')
  })

  it('reports lines dotenv cannot read, without their values', () => {
    const problems = envProblems(parseEnvLines('OK=1\nPASSWORD="s3cret\nnot an assignment\n'))
    expect(problems.map((p) => [p.line, p.key, p.reason])).toEqual([
      [2, 'PASSWORD', 'unterminated double quote'],
      [3, undefined, 'no "=" after the key'],
    ])
    expect(JSON.stringify(problems)).not.toContain('s3cret')
  })

  it('finds keys assigned twice; dotenv keeps the last', () => {
    const text = 'DATABASE_URL=a\nX=1\nDATABASE_URL=b'
    expect([...duplicateKeys(parseEnvLines(text))].map(([k, es]) => [k, es.map((e) => e.line)])).toEqual([['DATABASE_URL', [1, 3]]])
    expect(dotenv.parse(text).DATABASE_URL).toBe('b')
  })

  it('handles a file without a trailing newline and an empty file', () => {
    expect(parseEnvLines('')).toEqual([])
    expect(parseEnvLines('A=1').map((l) => l.end)).toEqual([3])
  })
})

describe('env file names', () => {
  it.each([
    ['.env', true, false], ['apps/api/.env.production', true, false], ['.env.example', true, true],
    ['docker/api.env', true, false], ['.env.sample', true, true], ['.env.template', true, true],
    ['.envrc', false, false], ['.dev.vars', false, false], ['src/env.ts', false, false], ['.env.d.ts', false, false], ['.env.vault', true, true], ['.env-example', true, true], ['.env_sample', true, true], ['.env-cmdrc', false, false],
  ])('%s', (path, env, template) => {
    expect(isEnvFile(path)).toBe(env)
    if (env) expect(isEnvTemplate(path)).toBe(template)
  })
})
