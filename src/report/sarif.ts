import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { diffLines } from 'diff'
import { TRANSFORM_CONCEPTS } from '../audit/concepts.js'
import type { Fix, Plan, PlanFinding } from '../engine/plan.js'
import { UsageError } from '../errors.js'
import type { FileChange, Severity, TransformMeta } from '../types.js'
import type { FixStatus } from './json.js'

/** The subset of SARIF 2.1.0 prod-fix writes (validated against the official schema in the tests). */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: SarifRun[]
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined }
type SarifRun = { [key: string]: Json | undefined }

export interface SarifOptions {
  /** Absolute path of the repository (the %SRCROOT% base). */
  root: string
  version: string
  /** Every transform that could report, for the rules table (registry order keeps rule indexes stable). */
  transforms: readonly TransformMeta[]
  /** Each fix id's outcome; absent means proposed. */
  status?: ReadonlyMap<string, FixStatus>
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' }
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '7.5', medium: '5.0', low: '2.0' }

/**
 * The plan as a SARIF log: one result per fix (with its edit as `fixes`/artifactChanges) and per
 * finding, fingerprints that survive line shifts, and every secret value masked. A fix whose
 * inserted text would carry a secret keeps its result but not its edit.
 */
export function buildSarif(plan: Plan, options: SarifOptions): SarifLog {
  const redact = (text: string): string => plan.redactor.redact(text)
  const ruleIndex = new Map(options.transforms.map((meta, index) => [meta.id, index]))
  const results: Json[] = [
    ...plan.fixes.map((fix) => fixResult(fix, options.status?.get(fix.id) ?? 'proposed', ruleIndex, redact)),
    ...plan.findings.map((finding) => findingResult(finding, ruleIndex, redact)),
  ]
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prod-fix',
            version: options.version,
            informationUri: 'https://www.npmjs.com/package/prod-fix',
            rules: options.transforms.map(rule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.root.endsWith('/') ? options.root : `${options.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: plan.errors.map((error) => ({
              level: 'error',
              message: { text: redact(error.message) },
              ...(error.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: error.file, uriBaseId: '%SRCROOT%' } } }] } : {}),
            })),
          },
        ],
        results,
      },
    ],
  }
}

function rule(meta: TransformMeta): Json {
  const category = TRANSFORM_CONCEPTS[meta.id]?.category
  const security = category === 'security'
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: `${meta.description}\nAudit finding: ${meta.audit.finding}.\nRun only this fix: prod-fix --only ${meta.id}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: [...new Set(['production-readiness', ...(category ? [category] : []), ...(security ? ['security'] : [])])],
      precision: 'high',
      ...(security ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  }
}

function fixResult(fix: Fix, status: FixStatus, ruleIndex: Map<string, number>, redact: (text: string) => string): Json {
  const { change, transform } = fix
  const replacements = changeReplacements(change)
  const reveals = replacements.some((r) => redact(r.text) !== r.text)
  const untrackNote = change.untrack ? ' (stops tracking the file in git; it stays on disk)' : ''
  const edit =
    replacements.length > 0 && !reveals
      ? {
          fixes: [
            {
              description: { text: redact(change.reason ?? transform.title) },
              artifactChanges: [
                {
                  artifactLocation: { uri: change.path, uriBaseId: '%SRCROOT%' },
                  replacements: replacements.map((r) => ({ deletedRegion: { charOffset: r.offset, charLength: r.length }, ...(r.text ? { insertedContent: { text: r.text } } : {}) })),
                },
              ],
            },
          ],
        }
      : {}
  return {
    ruleId: transform.id,
    ...ruleRef(transform.id, ruleIndex),
    level: LEVEL[transform.severity],
    message: { text: redact(`${transform.title}${change.reason ? `: ${change.reason}` : ''}${untrackNote}`) },
    locations: [location(change.path, fix.line)],
    partialFingerprints: { 'prodFixChange/v1': fingerprint(transform.id, change.path, redact(removedText(change))) },
    ...edit,
    properties: {
      transform: transform.id,
      severity: transform.severity,
      status,
      change: change.before === null ? 'create' : change.after === null ? 'delete' : change.after === change.before ? 'untrack' : 'edit',
      ...(reveals ? { fixOmitted: 'the edit would carry a secret value; see prod-fix --dry-run' } : {}),
    },
  }
}

function findingResult(finding: PlanFinding, ruleIndex: Map<string, number>, redact: (text: string) => string): Json {
  const message = redact(finding.message)
  return {
    ruleId: finding.transform,
    ...ruleRef(finding.transform, ruleIndex),
    level: LEVEL[finding.severity],
    message: { text: message },
    ...(finding.path ? { locations: [location(finding.path, finding.line)] } : {}),
    partialFingerprints: { 'prodFixFinding/v1': fingerprint(finding.transform, finding.path, message) },
    properties: { transform: finding.transform, severity: finding.severity, status: 'needs-human' },
  }
}

function ruleRef(id: string, ruleIndex: Map<string, number>): { ruleIndex?: number } {
  const index = ruleIndex.get(id)
  return index === undefined ? {} : { ruleIndex: index }
}

function location(path: string, line: number): Json {
  return { physicalLocation: { artifactLocation: { uri: path, uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, line) } } }
}

/** Same transform, file and changed text → same fingerprint, wherever the lines moved. */
function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.map((p) => p.replace(/\s+/g, ' ').trim()).join('\u0000')).digest('hex').slice(0, 32)
}

function removedText(change: FileChange): string {
  if (change.before === null) return '(created)'
  if (change.after === null) return '(deleted)'
  return replacementsBetween(change.before, change.after)
    .map((r) => `${change.before!.slice(r.offset, r.offset + r.length)}→${r.text}`)
    .join('\n')
}

export interface Replacement {
  /** Character offset in the original text. */
  offset: number
  length: number
  text: string
}

/** The edits of a change as minimal character replacements of the original text. */
export function changeReplacements(change: FileChange): Replacement[] {
  if (change.before === change.after) return []
  if (change.before === null) return [{ offset: 0, length: 0, text: change.after ?? '' }]
  if (change.after === null) return [{ offset: 0, length: change.before.length, text: '' }]
  return replacementsBetween(change.before, change.after)
}

function replacementsBetween(before: string, after: string): Replacement[] {
  const out: Replacement[] = []
  let offset = 0
  let pending: { offset: number; removed: string; added: string } | undefined
  const flush = (): void => {
    if (!pending) return
    out.push(trimCommon(pending.offset, pending.removed, pending.added))
    pending = undefined
  }
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush()
      offset += part.value.length
      continue
    }
    pending ??= { offset, removed: '', added: '' }
    if (part.removed) {
      pending.removed += part.value
      offset += part.value.length
    } else pending.added += part.value
  }
  flush()
  return out
}

/** Narrows a replaced block of lines to the characters that differ. */
function trimCommon(offset: number, removed: string, added: string): Replacement {
  let start = 0
  while (start < removed.length && start < added.length && removed[start] === added[start]) start++
  let end = 0
  while (end < removed.length - start && end < added.length - start && removed[removed.length - 1 - end] === added[added.length - 1 - end]) end++
  return { offset: offset + start, length: removed.length - start - end, text: added.slice(start, added.length - end) }
}

/** Writes the SARIF log to `file` (relative to the working directory); an unwritable path is a usage error. */
export function writeSarif(file: string, log: SarifLog, cwd: string = process.cwd()): void {
  try {
    writeFileSync(resolve(cwd, file), `${JSON.stringify(log, null, 2)}\n`)
  } catch (error) {
    throw new UsageError(`--sarif ${file}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
}
