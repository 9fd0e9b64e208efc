import { isSecretName } from '../../../src/secrets/detect.js'

/** An edit to a gcloud argument list, by index into that list. */
export type ArgEdit =
  | { kind: 'replace'; index: number; value: string }
  | { kind: 'remove'; index: number }
  | { kind: 'append'; values: string[] }

/**
 * What `gcloud run …` deploys: a service, or a job (no scaling flags). `jobs deploy|create` take
 * only `--set-cloudsql-instances` and `--set-secrets`; `jobs update` takes the `--add`/`--update` forms.
 */
export type DeployKind = 'service' | 'job' | 'job-update'

/** Repository facts that decide which flags a deploy needs. */
export interface DeployFacts {
  /** The variable holding the database URL, when the service has a database reached through one. */
  databaseEnv: string | undefined
  /** Whether the service has a SQL database to reach over the Cloud SQL socket (false: none, SQLite, Mongo, a hosted provider). */
  cloudSql: boolean
  /** The `--add-cloudsql-instances` value: a connection name or a substitution. */
  instance: string
  /** The app holds long-lived connections (WebSockets): a 60 s request timeout would cut them. */
  websockets: boolean
  minInstances: number
  timeout: number
  concurrency: number
}

/** The flags planned for one deploy command, and what a human must know about them. */
export interface DeployPlan {
  edits: ArgEdit[]
  /** Flags added or changed, for the change's reason. */
  summary: string[]
  /** Secret Manager secrets the deploy now reads, as env name → secret name. */
  secrets: Array<{ env: string; secret: string; movedLiteral: boolean }>
  usesInstance: boolean
  notes: string[]
}

interface Flag {
  name: string
  /** Index of the flag item. */
  index: number
  /** Index of the item holding the value (the flag item itself for `--flag=value`). */
  valueIndex: number | undefined
  value: string | undefined
  inline: boolean
}

/** Flags whose value is the next item when not written `--flag=value`. */
const VALUED = new Set([
  'timeout', 'min-instances', 'max-instances', 'concurrency', 'cpu', 'memory', 'set-env-vars', 'update-env-vars', 'env-vars-file',
  'set-secrets', 'update-secrets', 'add-cloudsql-instances', 'set-cloudsql-instances', 'image', 'region', 'platform', 'source',
  'port', 'service-account', 'project', 'vpc-connector', 'ingress', 'tag', 'labels', 'set-cloudsql-instances', 'task-timeout',
])

/** Reads the `--flags` of a gcloud argument list, from `start` (after `run deploy`). */
export function readFlags(args: readonly string[], start: number): Flag[] {
  const flags: Flag[] = []
  for (let i = start; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) continue
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq === -1 ? undefined : eq)
    if (eq !== -1) {
      flags.push({ name, index: i, valueIndex: i, value: arg.slice(eq + 1), inline: true })
    } else if (VALUED.has(name) && i + 1 < args.length && !args[i + 1]!.startsWith('--')) {
      flags.push({ name, index: i, valueIndex: i + 1, value: args[i + 1], inline: false })
      i++
    } else {
      flags.push({ name, index: i, valueIndex: undefined, value: undefined, inline: false })
    }
  }
  return flags
}

/** Plans the missing Cloud SQL, secret and scaling flags of one `gcloud run (jobs) deploy` argument list. */
export function planDeploy(args: readonly string[], start: number, kind: DeployKind, facts: DeployFacts): DeployPlan {
  const flags = readFlags(args, start)
  const find = (...names: string[]): Flag | undefined => flags.find((flag) => names.includes(flag.name))
  const inlineStyle = flags.filter((f) => f.valueIndex !== undefined && f.inline).length > flags.filter((f) => f.valueIndex !== undefined && !f.inline).length
  const plan: DeployPlan = { edits: [], summary: [], secrets: [], usesInstance: false, notes: [] }
  const appended: string[] = []
  const add = (name: string, value: string): void => {
    if (inlineStyle) appended.push(`--${name}=${value}`)
    else appended.push(`--${name}`, value)
    plan.summary.push(`--${name}`)
  }

  if (facts.cloudSql && !find('add-cloudsql-instances', 'set-cloudsql-instances')) {
    add(kind === 'job' ? 'set-cloudsql-instances' : 'add-cloudsql-instances', facts.instance)
    plan.usesInstance = true
  }

  planSecrets(flags, facts, plan, add, kind)

  if (kind === 'service') {
    const minInstances = find('min-instances')
    if (!minInstances) add('min-instances', String(facts.minInstances))
    else if (minInstances.value === '0') plan.notes.push('kept --min-instances 0: an explicit choice (cold starts on the first request)')

    const timeout = find('timeout')
    const seconds = timeout?.value === undefined ? undefined : durationSeconds(timeout.value)
    if (facts.websockets && (!timeout || (seconds ?? 0) > facts.timeout)) {
      plan.notes.push(`left --timeout alone: the app serves WebSockets, which a ${facts.timeout}s request timeout would cut`)
    } else if (!timeout) {
      add('timeout', String(facts.timeout))
    } else if (seconds !== undefined && seconds > facts.timeout && timeout.valueIndex !== undefined) {
      const unit = /s$/.test(timeout.value!) ? 's' : ''
      plan.edits.push({ kind: 'replace', index: timeout.valueIndex, value: timeout.inline ? `--timeout=${facts.timeout}${unit}` : `${facts.timeout}${unit}` })
      plan.summary.push(`--timeout ${timeout.value} → ${facts.timeout}${unit}`)
    }

    if (!find('concurrency')) {
      const cpu = find('cpu')?.value
      const cores = cpu === undefined ? 1 : cpuCores(cpu)
      if (cores === undefined) plan.notes.push(`left --concurrency unset: --cpu ${cpu} is set at deploy time, and below 1 CPU Cloud Run allows a concurrency of 1 only`)
      else if (cores < 1) plan.notes.push(`left --concurrency unset: with --cpu ${cpu} Cloud Run allows a concurrency of 1 only`)
      else add('concurrency', String(facts.concurrency))
    }
  }

  if (appended.length > 0) plan.edits.push({ kind: 'append', values: appended })
  return plan
}

// Before: --set-env-vars NODE_ENV=production,DATABASE_URL=postgres://…
// After:  --set-env-vars NODE_ENV=production --set-secrets DATABASE_URL=database-url:latest
function planSecrets(flags: Flag[], facts: DeployFacts, plan: DeployPlan, add: (name: string, value: string) => void, kind: DeployKind): void {
  // Scripts often repeat a list flag (`--set-env-vars A=1 --set-env-vars B=2`): every occurrence counts.
  const envFlags = flags.filter((flag) => (flag.name === 'set-env-vars' || flag.name === 'update-env-vars') && flag.value !== undefined)
  const secretFlags = flags.filter((flag) => (flag.name === 'set-secrets' || flag.name === 'update-secrets') && flag.value !== undefined)
  const existing = new Set(secretFlags.flatMap((flag) => parseList(flag.value!).entries.map(entryKey)))
  const envKeys = new Set<string>()
  const wanted: DeployPlan['secrets'] = []

  for (const envFlag of envFlags) {
    const env = parseList(envFlag.value!)
    const kept = env.entries.filter((entry) => {
      const key = entryKey(entry)
      const value = entry.slice(key.length + 1)
      envKeys.add(key)
      if (!isSecretVariable(key, value, facts.databaseEnv)) return true
      if (!existing.has(key) && !wanted.some((w) => w.env === key)) wanted.push({ env: key, secret: secretName(key), movedLiteral: !/^\$\{?_?[A-Z0-9_]+\}?$/.test(value) && !value.startsWith('$$') })
      return false
    })
    if (kept.length === env.entries.length) continue
    if (kept.length > 0) {
      const value = formatList(env.delimiter, kept)
      plan.edits.push({ kind: 'replace', index: envFlag.valueIndex!, value: envFlag.inline ? `--${envFlag.name}=${value}` : value })
    } else {
      plan.edits.push({ kind: 'remove', index: envFlag.index })
      if (!envFlag.inline) plan.edits.push({ kind: 'remove', index: envFlag.valueIndex! })
    }
  }
  const databaseEnv = facts.databaseEnv
  if (databaseEnv && !existing.has(databaseEnv) && !envKeys.has(databaseEnv)) {
    if (flags.some((flag) => flag.name === 'env-vars-file')) plan.notes.push(`did not add a ${databaseEnv} secret: the deploy reads an --env-vars-file`)
    else wanted.push({ env: databaseEnv, secret: secretName(databaseEnv), movedLiteral: false })
  }
  if (wanted.length === 0) return
  plan.secrets = wanted
  const entries = wanted.map((w) => `${w.env}=${w.secret}:latest`)
  const secretFlag = secretFlags.at(-1)
  if (secretFlag?.valueIndex !== undefined) {
    const list = parseList(secretFlag.value!)
    const value = formatList(list.delimiter, [...list.entries, ...entries])
    plan.edits.push({ kind: 'replace', index: secretFlag.valueIndex, value: secretFlag.inline ? `--${secretFlag.name}=${value}` : value })
    plan.summary.push(`--${secretFlag.name} ${wanted.map((w) => w.env).join(',')}`)
  } else {
    // --set-secrets replaces every secret of the service: only declarative deploys (that already
    // replace their env with --set-env-vars) get it; others keep their console-made secrets. Jobs
    // get it too: older gcloud releases know no --update-secrets for `jobs deploy`.
    add(kind === 'job' || envFlags.some((flag) => flag.name === 'set-env-vars') ? 'set-secrets' : 'update-secrets', entries.join(','))
  }
}

/** Whether a deploy-time variable holds a credential that belongs in Secret Manager. */
export function isSecretVariable(key: string, value: string, databaseEnv: string | undefined): boolean {
  if (/^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|PUBLIC_)/.test(key)) return false
  if (key === databaseEnv || /(?:^|_)(?:DATABASE|DB|POSTGRES|PG|MYSQL|MONGO(?:DB)?|REDIS)_?(?:URL|URI|DSN)$/.test(key)) return true
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^@\s]+@/i.test(value)) return true
  return isSecretName(key)
}

interface List {
  delimiter: string
  entries: string[]
}

/** gcloud list syntax: `A=1,B=2`, or `^;^A=1;B=2` with a custom delimiter. */
function parseList(value: string): List {
  const custom = /^\^([^^]+)\^/.exec(value)
  const delimiter = custom ? custom[1]! : ','
  const body = custom ? value.slice(custom[0].length) : value
  return { delimiter, entries: body.split(delimiter).filter((entry) => entry.length > 0) }
}

function formatList(delimiter: string, entries: string[]): string {
  return `${delimiter === ',' ? '' : `^${delimiter}^`}${entries.join(delimiter)}`
}

function entryKey(entry: string): string {
  const eq = entry.indexOf('=')
  return eq === -1 ? entry : entry.slice(0, eq)
}

/** The service or job name: the positional right after `deploy`, when written there. */
export function serviceName(args: readonly string[], start: number): string | undefined {
  const first = args[start]
  return first !== undefined && !first.startsWith('-') ? first : undefined
}

/** DATABASE_URL → database-url (Secret Manager names are conventionally kebab-case). */
export function secretName(env: string): string {
  return env.toLowerCase().replace(/_/g, '-')
}

/** `300`, `300s`, `5m`, `1h` → seconds; undefined for a substitution or anything unreadable. */
export function durationSeconds(value: string): number | undefined {
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim())
  if (!match) return undefined
  return Number(match[1]) * (match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1)
}

/** `1`, `0.5`, `500m` → cores; undefined for a value filled in at deploy time (`${{ … }}`, `$CPU`). */
function cpuCores(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m)?$/.exec(value.trim())
  if (!match) return undefined
  return match[2] ? Number(match[1]) / 1000 : Number(match[1])
}
