import { defineTransform } from '../../src/define-transform.js'
import type { FileChange, Transform } from '../../src/types.js'

/** A Stripe-shaped key the secret detector recognises; it must never appear in any output. */
export const SECRET = 'sk_live_Zq8Xw2Lp9Rt4Vb7Nc1Md5Kf3'

const example = { file: 'a.txt', before: 'x', after: 'y' }

/** Test-only: `todo` → `TODO` in .txt files (one fix per file). */
export const markTodo: Transform = defineTransform({
  meta: {
    id: 'mark-todo',
    title: 'Capitalise todo markers',
    severity: 'high',
    audit: { ref: 'todo', finding: 'Lower-case todo markers' },
    description: 'test transform',
    files: ['**/*.txt'],
    contains: ['todo'],
    example,
  },
  run(ctx) {
    const changes: FileChange[] = []
    for (const path of ctx.candidates()) {
      const text = ctx.read(path)!
      changes.push({ path, before: text, after: text.replaceAll('todo', 'TODO') })
    }
    return { changes }
  },
})

/** Test-only: appends `-- end` to .txt files that lack it; runs after mark-todo over its output. */
export const addFooter: Transform = defineTransform({
  meta: {
    id: 'add-footer',
    title: 'End text files with a footer',
    severity: 'low',
    audit: { ref: 'footer', finding: 'Text files without a footer' },
    description: 'test transform',
    files: ['**/*.txt'],
    example,
  },
  run(ctx) {
    const changes: FileChange[] = []
    for (const path of ctx.candidates()) {
      const text = ctx.read(path)!
      if (!text.endsWith('-- end\n')) changes.push({ path, before: text, after: `${text}-- end\n` })
    }
    return { changes }
  },
})

/** Test-only: ignores and stops tracking a committed .env, writes .env.example, and asks a human to rotate the key. */
export const untrackEnv: Transform = defineTransform({
  meta: {
    id: 'untrack-env',
    title: 'Stop tracking the committed .env',
    severity: 'critical',
    audit: { ref: 'secrets', finding: 'Credentials committed to git' },
    description: 'test transform',
    files: ['.env', '.gitignore'],
    example,
  },
  run(ctx) {
    const env = ctx.read('.env')
    if (env === undefined || !ctx.isTracked('.env')) return { changes: [] }
    const gitignore = ctx.read('.gitignore') ?? null
    const keys = env.split('\n').filter(Boolean).map((line) => `${line.split('=')[0]}=`)
    return {
      changes: [
        { path: '.gitignore', before: gitignore, after: `${gitignore ?? ''}.env\n` },
        { path: '.env', before: env, after: env, untrack: true },
        { path: '.env.example', before: null, after: `${keys.join('\n')}\n` },
      ],
      findings: [{ path: '.env', line: 1, message: `Rotate STRIPE_KEY (${env.split('=')[1]!.trim()}): it is in git history` }],
    }
  },
})

export const TEST_TRANSFORMS = [untrackEnv, markTodo, addFooter]
