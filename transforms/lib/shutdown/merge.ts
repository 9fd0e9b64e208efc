import type { Node } from '@babel/types'
import MagicString from 'magic-string'
import { walk } from '../../../src/engine/ast.js'
import type { ParsedFile } from '../../../src/types.js'
import { ensureDisconnect, indentAt, type Style } from './rewrite.js'
import type { FunctionNode, SignalRegistration } from './signals.js'

/** Whether inline per-signal handlers can become one function: one per signal, same code but for the signal name. */
export function canMerge(registrations: readonly SignalRegistration[], text: string): boolean {
  if (registrations.length === 0 || registrations.length > 2 || !registrations.every((r) => r.inline && r.target)) return false
  if (registrations.length === 1) return true
  const [a, b] = registrations as [SignalRegistration, SignalRegistration]
  if (a.signal === b.signal || a.method !== b.method) return false
  const normalise = (r: SignalRegistration): string => text.slice(r.target!.start!, r.target!.end!).replace(/SIGTERM|SIGINT/g, 'SIG').replace(/\s+/g, ' ')
  return normalise(a) === normalise(b)
}

/**
 * Replaces inline per-signal handlers with one named function registered for both signals,
 * disconnecting (with `call`) when `disconnect` is set.
 */
// Before: process.on('SIGTERM', async () => { console.log('SIGTERM received'); process.exit(0) })
//         process.on('SIGINT', async () => { console.log('SIGINT received'); process.exit(0) })
// After:  async function shutdown(signal: string) { console.log(`${signal} received`); try { … } … process.exit(0) }
//         process.on('SIGTERM', shutdown)
//         process.on('SIGINT', shutdown)
export function mergeHandlers(edit: MagicString, file: ParsedFile, registrations: readonly SignalRegistration[], call: string | undefined, style: Style, name: string): void {
  const { text } = file
  const first = registrations[0]!
  const fn = first.target!
  const body = new MagicString(text)
  if (call) ensureDisconnect(body, file, fn, call, style)
  const existingParam = fn.params[0]
  const param = existingParam?.type === 'Identifier' ? existingParam.name : 'signal'
  const generalised = generaliseSignal(body, fn, first.signal, param)
  const bodyText = body.slice(fn.body.start!, fn.body.end!)
  const paramText = existingParam ? text.slice(existingParam.start!, existingParam.end!) : generalised ? `${param}${style.typescript ? ': string' : ''}` : ''
  const isAsync = fn.async || call !== undefined
  const indent = indentAt(text, first.statement.start!)
  const q = style.quote
  const block = fn.body.type === 'BlockStatement' ? bodyText : `{\n${indent}${style.indent}${bodyText}${style.semi}\n${indent}}`
  const registration = (signal: string): string => `process.${first.method}(${q}${signal}${q}, ${name})${style.semi}`
  edit.overwrite(first.statement.start!, first.statement.end!, [
    `${isAsync ? 'async ' : ''}function ${name}(${paramText}) ${block}`,
    '',
    `${indent}${registration('SIGTERM')}`,
    `${indent}${registration('SIGINT')}`,
  ].join('\n'))
  for (const other of registrations.slice(1)) removeStatement(edit, text, other.statement)
}

/** Rewrites the signal's name in the handler's strings to the parameter; whether anything was rewritten. */
function generaliseSignal(edit: MagicString, fn: FunctionNode, signal: string, param: string): boolean {
  let changed = false
  walk(fn.body, (node: Node) => {
    if (node.type === 'StringLiteral' && node.value.includes(signal)) {
      changed = true
      if (node.value === signal) {
        edit.overwrite(node.start!, node.end!, param)
        return undefined
      }
      const raw = (node.extra?.raw as string | undefined)?.slice(1, -1) ?? node.value
      const unquoted = raw.replace(/\\(['"])/g, '$1').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
      edit.overwrite(node.start!, node.end!, `\`${unquoted.split(signal).join(`\${${param}}`)}\``)
    }
    if (node.type === 'TemplateElement' && node.value.raw.includes(signal)) {
      changed = true
      edit.overwrite(node.start!, node.end!, node.value.raw.split(signal).join(`\${${param}}`))
    }
    return undefined
  })
  return changed
}

/** Removes a statement with its line (and its own leading comment lines). */
export function removeStatement(edit: MagicString, text: string, statement: Node): void {
  let start = statement.leadingComments?.[0]?.start ?? statement.start!
  start = text.lastIndexOf('\n', start - 1) + 1
  let end = text.indexOf('\n', statement.end!)
  end = end === -1 ? text.length : end + 1
  // The blank line that separated the statement from the previous one goes with it.
  if (text.slice(0, start).endsWith('\n\n')) start--
  else if (text.slice(end).startsWith('\n')) end++
  edit.remove(start, end)
}
