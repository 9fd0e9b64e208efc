import MagicString from 'magic-string'
import { isMap, isScalar, isSeq, parseDocument, type Scalar, type YAMLMap } from 'yaml'
import { isSecretVariable, planDeploy, secretName, type DeployFacts } from './deploy-flags.js'
import { editScript, scriptRegion } from './scripts.js'
import { editShellCommand, shellCommands } from './shell.js'
import { sameShape } from './structure.js'
import { lineAt } from '../../../src/engine/ast.js'
import { openYaml, type FileEdit } from './cloudbuild-file.js'
import { lineEnd, lineStart } from './yaml-seq.js'

export const INSTANCE_VARIABLE = 'CLOUDSQL_INSTANCE'

/** Adds the missing Cloud Run settings to a workflow's deploy-cloudrun steps and `gcloud run deploy` run scripts. */
export function editWorkflow(path: string, text: string, factsFor: (service: string | undefined, instance: string) => DeployFacts, configuredInstance: string | undefined): FileEdit {
  const { result, doc } = openYaml(path, text, 'settings')
  if (!doc) return result
  const jobs = doc.get('jobs')
  if (!isMap(jobs)) return result
  const instance = configuredInstance ?? `\${{ vars.${INSTANCE_VARIABLE} }}`
  const edit = new MagicString(text)
  let usesInstance = false
  for (const job of jobs.items) {
    const steps = isMap(job.value) ? job.value.get('steps') : undefined
    if (!isSeq(steps)) continue
    for (const step of steps.items) {
      if (!isMap(step)) continue
      const line = lineAt(text, step.range?.[0] ?? 0)
      const uses = step.get('uses')
      const withMap = step.get('with', true)
      if (typeof uses === 'string' && /^google-github-actions\/deploy-cloudrun@/.test(uses) && isMap(withMap)) {
        const facts = factsFor(stringValue(withMap, 'service') ?? stringValue(withMap, 'job'), instance)
        const secrets = editDeployAction(text, edit, withMap, facts)
        usesInstance ||= secrets.usesInstance
        for (const note of secrets.notes) result.notes.push({ path, line, message: note })
        if (secrets.created.length > 0) result.findings.push({ path, line, message: `create the Secret Manager secret${secrets.created.length > 1 ? 's' : ''} ${secrets.created.join(', ')} and grant the Cloud Run service account roles/secretmanager.secretAccessor before the next deploy` })
        continue
      }
      const run = step.get('run', true)
      if (!isScalar(run) || !/gcloud/.test(String(run.value))) continue
      const region = scriptRegion(text, run)
      if (!region) continue
      for (const { plan, offset } of editScript(text, edit, region, (service) => factsFor(service, instance))) {
        const line = lineAt(text, offset)
        usesInstance ||= plan.usesInstance
        for (const note of plan.notes) result.notes.push({ path, line, message: note })
        if (plan.secrets.length > 0) result.findings.push({ path, line, message: `create the Secret Manager secrets ${plan.secrets.map((s) => `${s.secret} (for ${s.env})`).join(', ')} before the next deploy` })
      }
    }
  }
  if ((usesInstance && !configuredInstance) || (!configuredInstance && text.includes(`vars.${INSTANCE_VARIABLE}`))) {
    result.findings.push({ path, line: 1, message: `set the repository variable ${INSTANCE_VARIABLE} to the Cloud SQL connection name (PROJECT:REGION:INSTANCE) and grant the Cloud Run service account roles/cloudsql.client` })
  }
  if (edit.hasChanged()) {
    const after = edit.toString()
    if (parseDocument(after).errors.length > 0 || !sameShape(text, after, ['flags', 'secrets'])) result.findings.push({ path, line: 1, message: `could not add the Cloud Run settings to ${path} without breaking its YAML; add them by hand` })
    else result.after = after
  }
  return result
}

// Before: with: { service: api, env_vars: "DATABASE_URL=…" }
// After:  with: { service: api, secrets: "DATABASE_URL=database-url:latest", flags: "--add-cloudsql-instances=… --min-instances=1 …" }
function editDeployAction(text: string, edit: MagicString, withMap: YAMLMap, facts: DeployFacts): { created: string[]; usesInstance: boolean; notes: string[] } {
  const kind = withMap.has('job') ? 'job' : 'service'
  const flagsNode = withMap.get('flags', true)
  const region = isScalar(flagsNode) ? scriptRegion(text, flagsNode) : undefined
  const tokens = region ? shellCommands(text, region.from, region.to).flat() : []
  const plan = planDeploy(tokens.map((token) => token.value), 0, kind, { ...facts, databaseEnv: undefined })
  const flagValues = plan.edits.flatMap((e) => (e.kind === 'append' ? e.values : []))
  const additions: string[] = []
  if (flagValues.length > 0) {
    const inline = flagValues.reduce<string[]>((out, value) => (value.startsWith('--') || out.length === 0 ? [...out, value] : [...out.slice(0, -1), `${out.at(-1)!}=${value}`]), [])
    const last = tokens.at(-1)
    if (last && isScalar(flagsNode) && flagsNode.type === 'BLOCK_LITERAL' && /\n[ \t]*-/.test(text.slice(tokens[0]!.start, last.end))) {
      // One flag per line stays one flag per line.
      const indent = text.slice(lineStart(text, last.start), last.start).replace(/\S[\s\S]*$/, '')
      edit.appendLeft(last.end, inline.map((flag) => `\n${indent}${flag}`).join(''))
    } else if (region && last) {
      editShellCommand(text, edit, { tokens, start: 0, kind }, [{ kind: 'append', values: inline }], region.avoid)
    } else if (!flagsNode) {
      additions.push(`flags: '${inline.join(' ')}'`)
    }
  }

  const envNode = withMap.get('env_vars', true)
  const secretsNode = withMap.get('secrets', true)
  const existing = new Set(entries(text, secretsNode).map((entry) => entry.key))
  const secretsAt = secretsInsertion(text, secretsNode)
  const notes = [...plan.notes]
  const newSecrets: string[] = []
  for (const entry of entries(text, envNode)) {
    if (!isSecretVariable(entry.key, entry.value, facts.databaseEnv)) continue
    // A variable leaves env_vars only when its line can go and its secret can be written.
    if (!isScalar(envNode) || envNode.type !== 'BLOCK_LITERAL' || !secretsAt) {
      notes.push(`left ${entry.key} in env_vars: move it to secrets by hand (the input is not one KEY=value per line)`)
      continue
    }
    edit.remove(lineStart(text, entry.start), Math.min(lineEnd(text, entry.start) + 1, text.length))
    if (!existing.has(entry.key)) newSecrets.push(entry.key)
  }
  const envKeys = new Set(entries(text, envNode).map((entry) => entry.key))
  if (facts.databaseEnv && secretsAt && !existing.has(facts.databaseEnv) && !envKeys.has(facts.databaseEnv)) newSecrets.push(facts.databaseEnv)
  if (newSecrets.length > 0 && secretsAt) {
    const lines = newSecrets.map((key) => `${key}=${secretName(key)}:latest`)
    if (secretsAt.kind === 'new') additions.push(`secrets: |\n  ${lines.join('\n  ')}`)
    else if (secretsAt.kind === 'lines') edit.appendLeft(secretsAt.at, lines.map((line) => `\n${secretsAt.indent}${line}`).join(''))
    else edit.appendLeft(secretsAt.at, lines.map((line) => `,${line}`).join(''))
  }
  const created = newSecrets.map((key) => `${secretName(key)} (for ${key})`)
  if (additions.length > 0) {
    const lastPair = withMap.items.at(-1)!
    const keyStart = isScalar(lastPair.key) ? lastPair.key.range![0] : withMap.range![0]
    const indent = text.slice(lineStart(text, keyStart), keyStart)
    const end = isScalar(lastPair.value) ? lastPair.value.range![1] : keyStart
    // New keys go at the start of the line after the map, never at its last line break: an
    // env_vars line removed above may end exactly there.
    const at = text[end - 1] === '\n' ? end : Math.min(lineEnd(text, end) + 1, text.length)
    const lead = at === text.length && !text.endsWith('\n') ? '\n' : ''
    edit.appendRight(at, lead + additions.map((a) => `${indent}${a.replace(/\n {2}/g, `\n${indent}  `)}\n`).join(''))
  }
  return { created, usesInstance: plan.usesInstance, notes }
}

type SecretsInsertion = { kind: 'new' } | { kind: 'lines'; at: number; indent: string } | { kind: 'inline'; at: number }

/** Where new `KEY=secret:latest` entries go: a new input, a new line of a literal block, or `,KEY=…` at the end of a one-line value. */
function secretsInsertion(text: string, node: unknown): SecretsInsertion | undefined {
  if (node === undefined || node === null) return { kind: 'new' }
  if (!isScalar(node) || !node.range) return undefined
  const existing = entries(text, node)
  if (node.type === 'BLOCK_LITERAL' && existing.length > 0) {
    const last = existing.at(-1)!
    return { kind: 'lines', at: lineEnd(text, last.start), indent: text.slice(lineStart(text, last.start), last.start) }
  }
  const raw = text.slice(node.range[0], node.range[1])
  if (raw.includes('\n') || existing.length === 0) return undefined
  if (node.type === 'PLAIN') return { kind: 'inline', at: node.range[1] }
  if ((node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && !raw.includes('\\')) return { kind: 'inline', at: node.range[1] - 1 }
  return undefined
}

/** `KEY=value` entries of an env_vars/secrets input (one per line, or comma-separated); offsets only for literal blocks. */
function entries(text: string, node: unknown): Array<{ key: string; value: string; start: number }> {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return []
  const scalar = node as Scalar
  const out: Array<{ key: string; value: string; start: number }> = []
  if (scalar.type === 'BLOCK_LITERAL') {
    const from = text.indexOf('\n', scalar.range![0]) + 1
    for (const match of text.slice(from, scalar.range![1]).matchAll(/^([ \t]*)([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(.*)$/gm)) {
      out.push({ key: match[2]!, value: match[3]!.trim(), start: from + match.index + match[1]!.length })
    }
    return out
  }
  for (const part of String(scalar.value).split(/[\n,]/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(part)
    if (match) out.push({ key: match[1]!, value: match[2]!.trim(), start: scalar.range![0] })
  }
  return out
}

function stringValue(map: YAMLMap, key: string): string | undefined {
  const value = map.get(key)
  return typeof value === 'string' ? value : undefined
}
