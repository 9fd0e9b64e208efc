import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

// Tests that drive bin/prod-fix.js need dist/; build it once per test run. Type errors are the
// typecheck step's business (tsc still emits), so they do not stop the suite here.
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..')
  spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' })
}
