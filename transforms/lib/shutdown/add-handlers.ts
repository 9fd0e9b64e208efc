import type MagicString from 'magic-string'
import type { ParsedFile } from '../../../src/types.js'
import { findServer, type ServerHandle } from './entry.js'
import type { Style } from './rewrite.js'

// Before: app.listen(port, () => console.log('ready'))
// After:  const server = app.listen(port, () => console.log('ready'))
//         async function shutdown(signal: string) { … server.close … await prisma.$disconnect() … }
//         process.on('SIGTERM', shutdown)
//         process.on('SIGINT', shutdown)
/** Appends a shutdown function for both signals to an entry: close the server it holds, disconnect, exit. */
export function addShutdownHandlers(edit: MagicString, file: ParsedFile, call: string, style: Style, name: string): void {
  const { quote: q, semi, indent: unit } = style
  const server = findServer(file.ast.program, file.text)
  if (server?.kind === 'capture') edit.appendLeft(server.statementStart, `const ${server.name} = `)
  const close = server ? closeServer(server, style) : undefined
  const lines = [
    `async function ${name}(signal${style.typescript ? ': string' : ''}) {`,
    `${unit}console.log(\`\${signal} received, shutting down\`)${semi}`,
    `${unit}try {`,
    ...(close ? [`${unit}${unit}${close}${semi}`] : []),
    `${unit}${unit}await ${call}${semi}`,
    `${unit}} catch (error) {`,
    `${unit}${unit}console.error(${q}Error during shutdown${q}, error)${semi}`,
    `${unit}${unit}process.exit(1)${semi}`,
    `${unit}}`,
    `${unit}process.exit(0)${semi}`,
    `}`,
    '',
    `process.on(${q}SIGTERM${q}, ${name})${semi}`,
    `process.on(${q}SIGINT${q}, ${name})${semi}`,
  ]
  const body = file.ast.program.body
  const last = body[body.length - 1]
  const at = last ? last.end! : file.text.length
  edit.appendLeft(at, `${last ? '\n\n' : ''}${lines.join('\n')}${last ? '' : '\n'}`)
}

function closeServer(server: ServerHandle, style: Style): string {
  if (server.kind === 'fastify') return `await ${server.name}.close()`
  const generic = style.typescript ? '<void>' : ''
  return `await new Promise${generic}((resolve, reject) => ${server.name}.close((error) => (error ? reject(error) : resolve())))`
}
