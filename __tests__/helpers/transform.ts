import { defineTransform } from '../../src/define-transform.js'
import type { Transform, TransformContext, TransformResult } from '../../src/types.js'

/** A throwaway transform for engine tests: metadata filled in, behaviour given. */
export function testTransform(id: string, run: (ctx: TransformContext) => TransformResult, extra: Partial<Transform['meta']> = {}): Transform {
  return defineTransform({
    meta: {
      id,
      title: `Test ${id}`,
      severity: 'medium',
      audit: { ref: id, finding: `finding ${id}` },
      description: 'test',
      files: ['**/*'],
      example: { file: 'a', before: 'a', after: 'b' },
      ...extra,
    },
    run,
  })
}

/** Replaces `from` with `to` in every candidate. */
export function replacing(id: string, from: string, to: string, extra: Partial<Transform['meta']> = {}): Transform {
  return testTransform(
    id,
    (ctx) => ({
      changes: ctx
        .candidates()
        .map((path) => ({ path, before: ctx.read(path)!, after: ctx.read(path)!.split(from).join(to) }))
        .filter((c) => c.before !== c.after),
    }),
    { contains: [from], ...extra },
  )
}
