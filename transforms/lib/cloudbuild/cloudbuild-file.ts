import MagicString from 'magic-string'
import { isMap, isScalar, isSeq, parseDocument, type Document, type Scalar, type YAMLMap } from 'yaml'
import { lineAt } from '../../../src/engine/ast.js'
import type { Finding } from '../../../src/types.js'
import { planDeploy, serviceName, type DeployFacts, type DeployPlan } from './deploy-flags.js'
import { editScript, scriptRegion } from './scripts.js'
import { sameShape } from './structure.js'
import { classifyGcloudArgs } from './shell.js'
import { editYamlSeq, lineEnd, lineStart, seqStrings } from './yaml-seq.js'

/** The outcome of editing one YAML file: the new text (when changed), findings, notes, and why it could not be read. */
export interface FileEdit {
  after: string | undefined
  findings: Finding[]
  notes: Finding[]
  errors: Array<{ path: string; message: string }>
}

export const INSTANCE_SUBSTITUTION = '_CLOUDSQL_INSTANCE'
export const INSTANCE_PLACEHOLDER = 'PROJECT_ID:REGION:INSTANCE_NAME'

const GCLOUD_IMAGE = /(?:cloud-builders\/gcloud|cloudsdktool\/(?:cloud-sdk|google-cloud-cli)|google\/cloud-sdk)(?:[:@]|$)/
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:bash|sh)$/

/**
 * Parses a Cloud Build or workflow file for editing; without a document, the result says why
 * (several documents: a note; malformed YAML: an error about the file, which stays untouched).
 */
export function openYaml(path: string, text: string, what: string): { result: FileEdit; doc?: Document } {
  const result: FileEdit = { after: undefined, findings: [], notes: [], errors: [] }
  const doc = parseDocument(text)
  if (doc.errors[0]?.code === 'MULTIPLE_DOCS') {
    result.notes.push({ path, line: 1, message: `left ${path} alone: it holds several YAML documents, which a Cloud Build or workflow file does not` })
    return { result }
  }
  if (doc.errors.length > 0) {
    result.errors.push({ path, message: `not valid YAML at line ${doc.errors[0]!.linePos?.[0].line ?? 1} (${doc.errors[0]!.message.split('\n')[0]}); left unchanged, its Cloud Run deploy ${what} were not checked` })
    return { result }
  }
  return { result, doc }
}

/** Adds the missing Cloud Run flags to every deploy step of a cloudbuild.yaml, editing the text in place. */
export function editCloudbuild(path: string, text: string, factsFor: (service: string | undefined, instance: string) => DeployFacts, configuredInstance: string | undefined): FileEdit {
  const { result, doc } = openYaml(path, text, 'flags')
  if (!doc) return result
  const steps = doc.get('steps')
  if (!isSeq(steps)) return result
  const substitution = instanceSubstitution(doc)
  const instance = configuredInstance ?? (substitution ? `\${${substitution}}` : `\${${INSTANCE_SUBSTITUTION}}`)
  const edit = new MagicString(text)
  const plans: Array<{ plan: DeployPlan; line: number }> = []

  for (const step of steps.items) {
    if (!isMap(step)) continue
    const line = lineAt(text, step.range?.[0] ?? 0)
    const image = stringAt(step, 'name') ?? ''
    if (!GCLOUD_IMAGE.test(image) && !stringAt(step, 'entrypoint') && !step.has('script')) continue
    const entrypoint = stringAt(step, 'entrypoint') ?? (GCLOUD_IMAGE.test(image) ? 'gcloud' : '')
    const args = step.get('args', true)
    const items = isSeq(args) ? seqStrings(args) : undefined
    if (/(?:^|\/)gcloud$/.test(entrypoint) && isSeq(args) && items) {
      // Before: args: ['run', 'deploy', 'api', '--image', '$_IMAGE']
      // After:  args: ['run', 'deploy', 'api', '--image', '$_IMAGE', '--add-cloudsql-instances', '${_CLOUDSQL_INSTANCE}', …]
      const values = items.map((item) => String(item.value))
      const found = classifyGcloudArgs(values, 0)
      if (!found) continue
      const plan = planDeploy(values, found.start, found.kind, factsFor(serviceName(values, found.start), instance))
      if (plan.edits.length > 0) editYamlSeq(text, edit, args, items, plan.edits)
      plans.push({ plan, line })
    } else if (SHELLS.test(entrypoint) || step.has('script')) {
      // Before: gcloud run deploy api \
      //           --image "$_IMAGE"
      // After:  gcloud run deploy api \
      //           --image "$_IMAGE" \
      //           --add-cloudsql-instances ${_CLOUDSQL_INSTANCE} …
      for (const scalar of scriptScalars(step)) {
        const region = scriptRegion(text, scalar)
        if (!region) {
          if (/gcloud[\s\S]*\brun\b[\s\S]*\bdeploy\b/.test(String(scalar.value))) result.notes.push({ path, line: lineAt(text, scalar.range?.[0] ?? 0), message: 'left a gcloud deploy script alone: it is a folded or escaped YAML string, which cannot be edited in place' })
          continue
        }
        for (const { plan, offset } of editScript(text, edit, region, (service) => factsFor(service, instance))) plans.push({ plan, line: lineAt(text, offset) })
      }
    }
  }

  for (const { plan, line } of plans) {
    for (const note of plan.notes) result.notes.push({ path, line, message: note })
    if (plan.secrets.length > 0) result.findings.push({ path, line, message: secretsMessage(plan) })
  }
  const placeholder = plans.some(({ plan }) => plan.usesInstance) && !configuredInstance && !substitution
  if (placeholder) addSubstitution(doc, text, edit)
  const pendingPlaceholder = placeholder || substitutionValue(doc, INSTANCE_SUBSTITUTION) === INSTANCE_PLACEHOLDER
  if (pendingPlaceholder) {
    const line = plans.find(({ plan }) => plan.usesInstance)?.line ?? 1
    result.findings.push({ path, line, message: `set the ${INSTANCE_SUBSTITUTION} substitution to the Cloud SQL connection name (PROJECT:REGION:INSTANCE, from \`gcloud sql instances describe\`) in ${path} or the build trigger, and grant the Cloud Run service account roles/cloudsql.client` })
  }
  if (edit.hasChanged()) {
    const after = edit.toString()
    if (parseDocument(after).errors.length > 0 || !sameShape(text, after, [])) {
      // Nothing was added, so nothing is to be created or set: only the failure is reported.
      return { after: undefined, notes: result.notes, errors: result.errors, findings: [{ path, line: 1, message: `could not add the Cloud Run flags to ${path} without breaking its YAML; add them by hand` }] }
    }
    result.after = after
  }
  return result
}

function secretsMessage(plan: DeployPlan): string {
  const list = plan.secrets.map((s) => `${s.secret} (for ${s.env})`).join(', ')
  const moved = plan.secrets.filter((s) => s.movedLiteral).map((s) => s.env)
  const rotate = moved.length > 0 ? `; ${moved.join(', ')} had a value written in this file: rotate it, it is in git history` : ''
  return `create the Secret Manager secret${plan.secrets.length > 1 ? 's' : ''} ${list} and grant the Cloud Run service account roles/secretmanager.secretAccessor before the next deploy${rotate}`
}

/** The bash scripts of a step: `args: ['-c', script]` and `script:`. */
function scriptScalars(step: YAMLMap): Scalar[] {
  const scalars: Scalar[] = []
  const args = step.get('args', true)
  if (isSeq(args)) {
    args.items.forEach((item, i) => {
      const previous = args.items[i - 1]
      if (isScalar(item) && isScalar(previous) && /^-\w*c$/.test(String(previous.value))) scalars.push(item)
    })
  }
  const script = step.get('script', true)
  if (isScalar(script)) scalars.push(script)
  return scalars
}

/** A substitution whose value is already a Cloud SQL connection name (`_DB_INSTANCE: proj:region:db`). */
function instanceSubstitution(doc: Document): string | undefined {
  const subs = doc.get('substitutions', true)
  if (!isMap(subs)) return undefined
  for (const pair of subs.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const value = isScalar(pair.value) ? String(pair.value.value) : ''
    if (/^[a-z][a-z0-9-]*(?::[a-z0-9.-]+)?:[a-z0-9-]+:[a-z][a-z0-9-]*$/.test(value) && value !== INSTANCE_PLACEHOLDER.toLowerCase()) return key
    if (key === INSTANCE_SUBSTITUTION) return key
  }
  return undefined
}

function substitutionValue(doc: Document, key: string): string | undefined {
  const subs = doc.get('substitutions', true)
  if (!isMap(subs)) return undefined
  const value = subs.get(key)
  return typeof value === 'string' ? value : undefined
}

// Before: substitutions:
//           _REGION: us-central1
// After:  substitutions:
//           _REGION: us-central1
//           _CLOUDSQL_INSTANCE: PROJECT_ID:REGION:INSTANCE_NAME # prod-fix: set to your Cloud SQL connection name
function addSubstitution(doc: Document, text: string, edit: MagicString): void {
  const entry = `${INSTANCE_SUBSTITUTION}: ${INSTANCE_PLACEHOLDER}`
  const comment = ' # prod-fix: set to your Cloud SQL connection name'
  const subs = doc.get('substitutions', true)
  if (isMap(subs) && subs.items.length > 0) {
    if (subs.flow) {
      const last = subs.items.at(-1)!
      const end = (isScalar(last.value) ? last.value.range?.[1] : undefined) ?? subs.range![1] - 1
      edit.appendLeft(end, `, ${entry}`)
      return
    }
    const lastKey = subs.items.at(-1)!.key
    const keyStart = isScalar(lastKey) ? lastKey.range![0] : subs.range![0]
    const indent = text.slice(lineStart(text, keyStart), keyStart)
    const valueEnd = subs.items.at(-1)!.value && isScalar(subs.items.at(-1)!.value) ? (subs.items.at(-1)!.value as Scalar).range![1] : keyStart
    edit.appendLeft(lineEnd(text, valueEnd), `\n${indent}${entry}${comment}`)
    return
  }
  const newline = text.length === 0 || text.endsWith('\n') ? '' : '\n'
  edit.append(`${newline}\nsubstitutions:\n  ${entry}${comment}\n`)
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  const value = map.get(key)
  return typeof value === 'string' ? value : undefined
}

