// The console→logger rule alone, as a jscodeshift transform: the comparison point of issue 9
// (`jscodeshift --dry` over the same tree). Rewrites console.log/info/warn/error/debug calls.
export const parser = 'tsx'

const METHODS = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' }

export default function consoleToLogger(file, api) {
  const j = api.jscodeshift
  const root = j(file.source)
  const calls = root.find(j.CallExpression, {
    callee: { type: 'MemberExpression', object: { type: 'Identifier', name: 'console' }, property: { type: 'Identifier' } },
  })
  let changed = 0
  calls.forEach((path) => {
    const method = METHODS[path.node.callee.property.name]
    if (!method) return
    path.node.callee = j.memberExpression(j.identifier('logger'), j.identifier(method))
    changed++
  })
  return changed > 0 ? root.toSource() : undefined
}
