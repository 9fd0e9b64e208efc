import type { Severity } from '../types.js'
import { repairMojibake } from './encoding.js'
import { codeLines, descendants, parseSections, plainText, proseLines, type Section } from './markdown.js'
import { severityFromCircle, severityFromTier, severityFromWords } from './severity.js'

/** A place an audit finding names: the path as written, and the line(s) when given. */
export interface AuditLocation {
  path: string
  line?: number
  endLine?: number
}

/** One finding of an audit report, as the report states it. */
export interface AuditFinding {
  /** The finding's title as written (markers and emphasis removed). */
  title: string
  severity: Severity
  /** Files and lines the finding names. */
  files: AuditLocation[]
  /** What the report asks to be done, in one line. */
  asks: string
  /** The finding's prose (no code blocks) and field values, for mapping by meaning. */
  text: string
  /** Titles of the headings above the finding (its section of the report). */
  context: string
  /** 1-based line of the finding in the report. */
  line: number
}

/** What an audit report says: its title and its findings in report order. */
export interface AuditReport {
  title: string
  findings: AuditFinding[]
}

const FAIL_MARKERS = /❌|🔴|🟠|🟡|🟢|🔵|⚠️|⚠|⛔|🚨|🛑|✗|✘/u
const FAIL_WORDS = /^\W*(fail(ed|ure)?|warning|warn|missing|issue\s*#?\s*\d+|finding\s*#?\s*\d+|problem\s*#?\s*\d+|gap\s*#?\s*\d+)\b/i
/** A severity tag opening a title or item: "[HIGH] …", "(critical) …", "Critical: …", "P1 - …". */
const SEVERITY_TAG = /^\W*?[[(]?\s*(critical|blocker|high|medium|moderate|low|minor|major|p[0-3])\s*[\])]?\s*(?:[:\-–—|]\s*|\s(?=[A-Z`*]))/i
const PASS = /✅|✔|☑|\bpass(ed)?\b|\[x\]/iu
const SIGNAL_FIELDS = /^(severity|priority|risk|risk level|status|problem|issue|finding)$/i
const NUMBERED = /^\W*(\d+[.)]|#\d+|\d+\s*[-–—:])/
/** Headings that describe the report rather than state a finding; what is under them still counts. */
const NOT_A_FINDING = /summary|overview|introduction|scope|\bstatus\b|verdict|blocked|not ready|\bscore\b|methodology|contents/i
/** Sections whose content repeats, explains or plans the findings instead of stating them. */
const NOT_FINDINGS_BELOW =
  /checklist|code examples?|examples? for|how to fix|fix guide|^\W*fix\s*#?\d|recommendations?(?!.*\b(issue|finding)s?\b)|benchmarks?|performance (impact|metrics)|decision|timeline|risk (assessment|matrix)|next steps|quick start|support|contact|resources|references|appendix|strengths|what'?s (working|already|done|good)|already done|progress|conclusion|estimated|effort|first steps|environment-specific|deployment (strategy|approach)/i
/** Words a tier heading ("🔴 Critical (Must Fix Before Launch)") is made of, and nothing else. */
const TIER_WORDS = new Set(
  'critical high medium low priority priorities issues issue findings finding must should fix fixes fixed before after production launch deploy deployment deploying soon nice to have recommended improve improvements over time immediate immediately attention requiring required items item blocker blockers blocking moderate minor major urgent important the for and of in within first week month traffic future enhancements optional problems gaps remaining complete severity level what s whats missing p0 p1 p2 p3 a be can not'.split(
    ' ',
  ),
)

/** Parses a Markdown audit report (repairing mis-decoded emoji) into its findings. */
export function parseAudit(markdown: string): AuditReport {
  const root = parseSections(repairMojibake(markdown).replace(/^\uFEFF/, ''))
  const title = root.children.find((s) => s.level === 1)?.title ?? ''
  const candidates = new Set(descendants(root).filter(isCandidate))
  // A candidate with candidates below it is a container ("Critical Issues"), not a finding.
  const sections = [...candidates].filter((section) => !descendants(section).some((d) => candidates.has(d)))
  const findings = sections.length > 0 ? sections.map(fromSection) : findingsFromLists(root)
  return { title: plainText(stripMarkers(title)), findings }
}

function isCandidate(section: Section): boolean {
  if (section.level < 2 || ancestors(section).some((a) => a.level >= 2 && NOT_FINDINGS_BELOW.test(a.title))) return false
  const title = plainText(section.title)
  if (NOT_A_FINDING.test(title) || NOT_FINDINGS_BELOW.test(title) || isTier(title) || isPass(section)) return false
  if (FAIL_MARKERS.test(title) || FAIL_WORDS.test(stripMarkers(title)) || SEVERITY_TAG.test(stripMarkers(title))) return true
  if (fields(section.body).some((f) => SIGNAL_FIELDS.test(f.name))) return true
  // Under "High Priority" or "Findings", a numbered heading, or one with nothing below it, is a finding.
  const listed = NUMBERED.test(stripMarkers(title)) || section.children.length === 0
  return listed && ancestors(section).some((a) => isTier(plainText(a.title)) || /issues|findings|problems|gaps|concerns/i.test(a.title))
}

function isPass(section: Section): boolean {
  if (PASS.test(section.title) && !FAIL_MARKERS.test(section.title)) return true
  const status = fields(section.body).find((f) => /^status$/i.test(f.name))
  return status !== undefined && /^\W*(✅|pass|ok\b|done|complete|resolved|fixed|implemented)/iu.test(status.value)
}

function isTier(title: string): boolean {
  const words = stripMarkers(title).toLowerCase().match(/[a-z0-9]+/g) ?? []
  return words.length > 0 && words.every((word) => TIER_WORDS.has(word) || /^\d+$/.test(word)) && severityFromTier(title) !== undefined
}

function ancestors(section: Section): Section[] {
  const out: Section[] = []
  for (let s = section.parent; s && s.level > 0; s = s.parent) out.push(s)
  return out
}

function fromSection(section: Section): AuditFinding {
  const prose = proseLines(section.body)
  const found = fields(section.body)
  const value = (name: RegExp): string | undefined => found.find((f) => name.test(f.name))?.value
  const tier = ancestors(section)
    .map((a) => severityFromTier(plainText(a.title)))
    .find((s) => s !== undefined)
  const severity =
    wordSeverity(value(/^severity$/i)) ??
    severityFromCircle(section.title) ??
    wordSeverity(SEVERITY_TAG.exec(stripMarkers(section.title))?.[1]) ??
    wordSeverity(value(/^priority$/i)) ??
    wordSeverity(value(/^risk( level)?$/i)) ??
    tier ??
    wordSeverity(value(/^status$/i)) ??
    markerSeverity(section.title)
  const title = cleanTitle(section.title)
  return {
    title,
    severity,
    files: locations([title, ...prose].join('\n')),
    asks: asksFor(found, prose),
    text: prose.map(plainText).filter(Boolean).join('\n'),
    context: ancestors(section)
      .map((a) => plainText(stripMarkers(a.title)))
      .join(' / '),
    line: section.line,
  }
}

function wordSeverity(value: string | undefined): Severity | undefined {
  return value === undefined ? undefined : (severityFromCircle(value) ?? severityFromWords(value))
}

function markerSeverity(title: string): Severity {
  if (/❌|✗|✘|\bfail/iu.test(title)) return 'high'
  return 'medium'
}

interface Field {
  name: string
  value: string
  /** Index of the field's line in the body. */
  index: number
}

const FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z /&'-]{1,30}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$/

/** `**Name:** value` lines outside code blocks. */
function fields(body: readonly string[]): Field[] {
  const out: Field[] = []
  const code = codeLines(body)
  body.forEach((line, index) => {
    if (code[index]) return
    const match = FIELD.exec(line)
    if (match && (line.includes('**') || line.includes('__') || /^[A-Z]/.test(line.trim()))) out.push({ name: match[1].trim(), value: plainText(match[2]), index })
  })
  return out
}

const ASK_FIELDS = /^(recommendation|recommended (fix|action)|required (fix|fixes|addition|action)|action required|actions? items?|fix|remediation|solution|what to do|next step|to do|todo)s?$/i

/** What the finding asks for: its recommendation (or the list under it), else its problem, else its first line of prose. */
function asksFor(found: Field[], prose: string[]): string {
  const ordered = [...found.filter((f) => ASK_FIELDS.test(f.name)), ...found.filter((f) => /^(problem|issue|issues|finding|missing)$/i.test(f.name))]
  for (const field of ordered) {
    const items = field.value ? [field.value] : listUnder(prose, field)
    if (items.length > 0) return clip(items.join('; '))
  }
  const first = prose.find((line) => /[\p{L}\p{N}]/u.test(line) && !FIELD.test(line) && !line.trim().startsWith('|'))
  if (first !== undefined) return clip(listItemText(first))
  return clip(found.find((f) => f.value && !/^(files?|locations?|severity|status|priority|risk|current|impact)$/i.test(f.name))?.value ?? '')
}

function listItemText(line: string): string {
  return plainText(stripMarkers(line.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '')))
}

function listUnder(prose: string[], field: Field): string[] {
  const start = prose.findIndex((line) => FIELD.exec(line)?.[1]?.trim() === field.name)
  const items: string[] = []
  for (const line of prose.slice(start + 1)) {
    if (!/[\p{L}\p{N}]/u.test(line)) {
      if (items.length > 0 || /^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) break
      continue
    }
    if (FIELD.test(line) && /\*\*|__/.test(line)) break
    items.push(listItemText(line))
  }
  return items
}

function clip(text: string): string {
  return text.length > 240 ? `${text.slice(0, 237)}...` : text
}

const PATH = /(?:^|[\s`'"(])(\/?(?:[\w@.-]+\/)*(?:[\w-][\w.-]*\.(?:tsx?|jsx?|mjs|cjs|json|ya?ml|prisma|toml|py|sql|env)|\.env(?:\.[\w-]+)?|\.gitignore|Dockerfile|docker-compose\.ya?ml))(?::(\d+)(?:-(\d+))?)?(?=$|[\s`'",;)])/g
const LINES_AFTER = /^[`'"]?\s*(?:\(|,)?\s*(?:at\s+)?lines?\s+(\d+)(?:\s*[-–]\s*(\d+))?/i

/** Paths (and their lines) named in a finding, in order of appearance, without duplicates. */
function locations(text: string): AuditLocation[] {
  const out: AuditLocation[] = []
  for (const match of text.matchAll(PATH)) {
    const path = match[1]
    if (/^https?:/.test(path) || out.some((l) => l.path === path)) continue
    const rest = text.slice(match.index! + match[0].length, match.index! + match[0].length + 24)
    const after = LINES_AFTER.exec(rest)
    const line = match[2] ?? after?.[1]
    const end = match[3] ?? after?.[2]
    out.push({ path, ...(line ? { line: Number(line) } : {}), ...(end ? { endLine: Number(end) } : {}) })
  }
  return out
}

function stripMarkers(title: string): string {
  return title.replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[✗✘☑]/gu, '').trim()
}

function cleanTitle(title: string): string {
  return plainText(stripMarkers(title).replace(SEVERITY_TAG, '')).replace(/\s*[:\-–—]\s*$/, '')
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[( |x|X)\]\s+)?(.*)$/
const LIST_SECTIONS = /issues|findings|problems|gaps|action items|to ?do|checklist|recommendations|fail/i

/** Reports without finding headings: top-level list items that state a problem or an open task. */
function findingsFromLists(root: Section): AuditFinding[] {
  const out: AuditFinding[] = []
  for (const section of [root, ...descendants(root)]) {
    if (ancestors(section).some((a) => NOT_FINDINGS_BELOW.test(a.title) && !LIST_SECTIONS.test(a.title))) continue
    const prose = proseLines(section.body)
    const listSection = LIST_SECTIONS.test(section.title)
    const tier = [section, ...ancestors(section)].map((s) => severityFromTier(plainText(s.title))).find((s) => s !== undefined)
    prose.forEach((line, index) => {
      const item = LIST_ITEM.exec(line)
      if (!item || item[1].length > 1 || item[2]?.toLowerCase() === 'x') return
      const text = item[3]
      const stated = item[2] === ' ' || FAIL_MARKERS.test(text) || FAIL_WORDS.test(stripMarkers(text)) || SEVERITY_TAG.test(stripMarkers(text))
      if (!stated && !listSection) return
      if (PASS.test(text) && !FAIL_MARKERS.test(text)) return
      const continuation = takeContinuation(prose, index + 1)
      const untagged = stripMarkers(text).replace(SEVERITY_TAG, '')
      const bold = /^\W*\*\*(.+?)\*\*/.exec(untagged)?.[1]
      const title = cleanTitle(bold ?? untagged)
      const plain = [plainText(text), ...continuation.map(plainText)].join('\n')
      out.push({
        title: clip(title),
        severity: severityFromCircle(text) ?? wordSeverity(SEVERITY_TAG.exec(stripMarkers(text))?.[1]) ?? tier ?? markerSeverity(text),
        files: locations(plain),
        asks: clip(plainText(stripMarkers(text))),
        text: plain,
        context: [section, ...ancestors(section)].map((s) => plainText(stripMarkers(s.title))).filter(Boolean).join(' / '),
        line: section.bodyLine + section.body.indexOf(line),
      })
    })
  }
  return out
}

function takeContinuation(prose: string[], from: number): string[] {
  const out: string[] = []
  for (const line of prose.slice(from)) {
    if (!/^\s{2,}\S/.test(line)) break
    out.push(line.trim())
  }
  return out
}
