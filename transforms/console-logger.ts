import { defineTransform } from '../src/define-transform.js'
import { SCRIPT_FILES } from './lib/globs.js'

export default defineTransform({
  meta: {
    id: 'console-logger',
    title: "Log through the project's structured logger instead of console",
    severity: 'medium',
    audit: { ref: 'console-logger', finding: 'console.log used instead of a structured logger' },
    description:
      "console output has no levels, no structure and no request context, so production logs cannot be filtered or alerted on. Rewrites console.* in server code to the project's logger with its argument convention, and leaves scripts, tests, front-end code and pre-logger bootstrap alone.",
    files: SCRIPT_FILES,
    contains: ['console.'],
    example: {
      file: 'src/routes/users.ts',
      before: "console.error('Failed to load user', err)",
      after: "logger.error({ err }, 'Failed to load user')",
    },
  },
  run() {
    return { changes: [] }
  },
})
