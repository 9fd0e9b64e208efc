/**
 * What each transform answers, in the words audits use: the vocabulary that maps a finding to
 * the transforms that fix it, and the kinds of work no transform can do. Kept apart from the
 * transforms so the mapping can be read and tested as one piece; every registry id has an entry.
 * Patterns run over the lower-cased prose of a finding (code blocks removed).
 */

/** The readiness summary's categories: the sections audits group their findings in. */
export type ReadinessCategory = 'connection pool' | 'configuration' | 'security' | 'health checks' | 'logging' | 'deployment' | 'other'

export const READINESS_CATEGORIES: readonly ReadinessCategory[] = ['connection pool', 'configuration', 'security', 'health checks', 'logging', 'deployment', 'other']

/** A pattern and how strongly it points at the concept (1 hints, 2 suggests, 3 names it). */
export type Signal = readonly [RegExp, 1 | 2 | 3]

export interface TransformConcept {
  category: ReadinessCategory
  signals: readonly Signal[]
  /** Transforms that carry part of the same fix (a committed .env also needs ignoring). */
  companions?: readonly string[]
  /** What stays for a human even once the transform's fixes are in. */
  leftover?: string
}

/** A kind of finding only a human can act on, and why. */
export interface ManualConcept {
  id: string
  category: ReadinessCategory
  signals: readonly Signal[]
  reason: string
}

export const TRANSFORM_CONCEPTS: Readonly<Record<string, TransformConcept>> = {
  'pool-params': {
    category: 'connection pool',
    signals: [
      [/\bconnection[ _]limits?\b/, 3],
      [/\bpool[ _]timeout\b/, 3],
      [/\bconnect[ _]timeout\b/, 3],
      [/\bpool (limits?|size|sizing|param(eter)?s?|settings?|config(uration)?|exhaustion|caps?)\b/, 3],
      [/\bconnections? (pool )?exhaust/, 3],
      [/\bexhaust\w* (the |its |all )?(database |db |available )?connections\b/, 3],
      [/\btoo many (database |db )?connections\b/, 3],
      [/\b(unbounded|unlimited|no limit on|uncapped)\b[^.]{0,30}\bconnections\b/, 3],
      [/\bconnection pool(ing)?\b/, 2],
      [/\bpool\w*\b[^.]{0,30}\b(not )?(tuned|bounded|limited|capped)\b/, 2],
      [/\bmax(imum)? (number of )?(db |database )?connections\b/, 2],
    ],
  },
  'prisma-singleton': {
    category: 'connection pool',
    signals: [
      [/\b(duplicate|duplicated|multiple|separate|second|extra|several|stray|additional|redundant)\b[^.]{0,40}\b(prisma ?client|prisma instance|db clients?|database clients?|orm clients?)/, 3],
      [/\b(prisma ?client|prisma instance)s?\b[^.]{0,40}\b(instances|instantiat\w*|duplicat\w*|created (more than once|per|in each|again))/, 3],
      [/\bnew prismaclient\b/, 3],
      [/\bprisma\b[^.]{0,30}\b(instantiated|created|constructed|initiali[sz]ed)\b[^.]{0,30}\b(several|multiple|more than once|twice|each|every|per)\b/, 3],
      [/\bsingleton\b/, 2],
      [/\b(its|their) own (connection )?pool\b/, 2],
      [/\b(separate|extra|additional|second) (connection )?pools?\b/, 2],
    ],
  },
  'prisma-shutdown': {
    category: 'connection pool',
    signals: [
      [/\bshutdown\b/, 3],
      [/\bshut(ting)? down\b/, 2],
      [/\bsigterm\b|\bsigint\b/, 3],
      [/\bgraceful(ly)?\b/, 2],
      [/\$?disconnect\w*\b/, 2],
      [/\benableshutdownhooks\b/, 3],
      [/\b(close|release)s? (the )?(database |db |open )?connections? (on|at|when|before) (exit|shutdown|stop|termination)/, 3],
    ],
  },
  'prisma-error-format': {
    category: 'logging',
    signals: [
      [/\berror ?format\b/, 3],
      [/\bpretty\b[^.]{0,30}\berrors?\b|\berrors?\b[^.]{0,30}\bpretty\b/, 2],
      [/\bminimal\b[^.]{0,20}\berrors?\b/, 2],
      [/\b(colou?r(ed|ful)?|verbose|multi-?line)\b[^.]{0,40}\b(prisma )?error (messages?|output|format)/, 2],
      [/\bprisma\b[^.]{0,30}\berror (messages?|output|format)/, 2],
      [/\b(verbose|pretty|colou?r\w*)\b[^.]{0,20}\b(prisma|orm)\b[^.]{0,10}\berrors?\b/, 3],
      [/\berrors? (from|of|thrown by) (the )?(orm|prisma|database client)\b[^.]{0,40}\b(rendered|formatted|printed|pretty|colou?r\w*)/, 3],
    ],
  },
  'health-check': {
    category: 'health checks',
    signals: [
      [/\bhealth ?checks?\b/, 3],
      [/\breadiness (checks?|probes?|endpoints?|routes?)\b|\bready (check|probe|endpoint|route)s?\b/, 3],
      [/\b(readiness|liveness)\b(?! (review|report|assessment|audit|score|status|checklist|analysis))/, 2],
      [/\bhealth (endpoint|route|probe|check endpoint)s?\b/, 3],
      [/\/health\b|\/ready\b|\/healthz\b/, 2],
      [/\b(database|db) connectivity\b/, 2],
      [/\b(probe|heartbeat)s?\b/, 1],
    ],
  },
  'console-logger': {
    category: 'logging',
    signals: [
      [/\bconsole\.(log|error|warn|info|debug)\b/, 3],
      [/\bconsole (calls?|statements?|output|logging|usage)\b/, 3],
      [/\bstructured logg(ing|er)\b/, 3],
      [/\bconsole\b/, 2],
      [/\bprint statements?\b/, 2],
      [/\blog levels?\b/, 2],
      [/\blogger\b/, 1],
    ],
  },
  'cloudbuild-cloudrun': {
    category: 'deployment',
    signals: [
      [/\bcloud ?sql\b/, 3],
      [/\bcloudbuild(\.ya?ml)?\b|\bcloud build\b/, 3],
      [/\bgcloud run deploy\b|add-cloudsql-instances|set-secrets|min-instances/, 3],
      [/\bcloud ?run\b/, 2],
      [/\bmin(imum)? instances?\b/, 2],
      [/\bcold starts?\b/, 2],
      [/\bpublic ip\b/, 2],
      [/\b(unix )?socket connections?\b|\bunix socket\b/, 1],
      [/\bconcurrency\b/, 1],
      [/\brequest timeout\b|\btimeout\b[^.]{0,20}\b(300|too long|excessive)\b/, 1],
    ],
  },
  'gitignore-env': {
    category: 'security',
    signals: [
      [/\.?git ?ignore\w*\b/, 3],
      [/\bignored by git\b|\bnot (git-?)?ignored\b/, 3],
      [/\bnever commit\b[^.]{0,30}\benv\b/, 2],
      [/\.env\b[^.]{0,20}\b(committed|tracked|checked in)\b/, 2],
    ],
  },
  secrets: {
    category: 'security',
    signals: [
      [/\b(exposed|leaked|hard-?coded|plain ?text|committed|checked[- ]in|live|real|production)\b[^.]{0,40}\b(credentials?|secrets?|passwords?|api keys?|keys|tokens?)\b[^.]{0,40}\b(exposed|leaked|in|into|committed|checked|tracked)\b/, 3],
      [/\b(exposed|leaked|hard-?coded|plain ?text|committed)\b[^.]{0,40}\b(credentials?|secrets?|passwords?|api keys?|keys|tokens?)\b/, 3],
      [/\b(credentials?|secrets?|passwords?|api keys?|tokens?)\b[^.]{0,40}\b(exposed|leaked|hard-?coded|plain ?text|committed|checked (in|into)|(in|into) (version control|git|the repo\w*|source control|(the )?source( code)?))\b/, 3],
      [/\.env\b[^.]{0,15}\b(committed|tracked|checked in|pushed)\b/, 3],
      [/\bsecrets? (management|manager)\b/, 2],
      [/\b(version|source) control\b/, 1],
      [/\bencryption key\b/, 1],
      [/\bcredentials?\b/, 1],
    ],
    companions: ['gitignore-env'],
    leftover: 'rotate every exposed value (it stays in git history) and move it to a secret manager',
  },
}

export const MANUAL_CONCEPTS: readonly ManualConcept[] = [
  {
    id: 'rotate-credentials',
    category: 'security',
    signals: [[/\brotat\w*\b/, 3], [/\bgit history\b|\bhistory (clean|rewrite)/, 2]],
    reason: 'rotating a credential needs access to the database and the secret store; the old value stays in git history',
  },
  {
    id: 'load-testing',
    category: 'deployment',
    signals: [[/\bload[- ]?test\w*\b|\bstress[- ]test\w*\b|\bperformance baseline\b/, 3], [/\bk6\b|\bartillery\b|\bjmeter\b|\blocust\b/, 2]],
    reason: 'load testing runs the service under traffic; no code change replaces it',
  },
  {
    id: 'staging',
    category: 'deployment',
    signals: [[/\bstaging\b/, 3], [/\bpre-?production environment\b/, 3]],
    reason: 'a staging environment is infrastructure to provision, outside the repository',
  },
  {
    id: 'monitoring',
    category: 'other',
    signals: [[/\bmonitor\w*\b|\bobservability\b|\bapm\b|\balert\w*\b/, 3], [/\bsentry\b|\bdatadog\b|\bprometheus\b|\bopentelemetry\b|\btracing\b|\buptime\b/, 2], [/\bmetrics\b/, 1]],
    reason: 'monitoring and alerting need an account, dashboards and thresholds chosen by the team',
  },
  {
    id: 'backups',
    category: 'other',
    signals: [[/\bbackups?\b|\bdisaster recovery\b|\bpoint-in-time\b/, 3], [/\brestore\b/, 1]],
    reason: 'backups and disaster recovery are configured on the database service, not in the code',
  },
  {
    id: 'tests',
    category: 'other',
    signals: [[/\b(test )?coverage\b/, 3], [/\b(unit|integration|e2e|end-to-end|smoke) tests?\b/, 2]],
    reason: 'writing tests needs knowledge of the intended behaviour',
  },
  {
    id: 'ci-cd',
    category: 'deployment',
    signals: [[/\bci\/cd\b|\bpipeline\b|\bquality gates?\b/, 3], [/\bgithub actions\b|\bworkflow\b/, 1]],
    reason: 'CI/CD steps and approvals are the team\'s process to design',
  },
  {
    id: 'migrations',
    category: 'deployment',
    signals: [[/\bmigrations?\b/, 3], [/\brollback\b/, 2]],
    reason: 'a migration and rollback process is an operational procedure to write and rehearse',
  },
  {
    id: 'connection-pooler',
    category: 'connection pool',
    signals: [[/\bpgbouncer\b|\bconnection pooler\b|\bprisma accelerate\b/, 3]],
    reason: 'running an external connection pooler is infrastructure work',
  },
  {
    id: 'query-performance',
    category: 'other',
    signals: [[/\bslow quer\w*|\bquery (performance|timeout)\b|\bstatement_timeout\b|\bprepared statement/, 3], [/\bindex(es)?\b|\bn\+1\b|\bcach(e|ing)\b|\bexplain analyze\b/, 2]],
    reason: 'query tuning depends on the data and the access patterns; measure before changing',
  },
  {
    id: 'rate-limiting',
    category: 'security',
    signals: [[/\brate[- ]?limit\w*\b|\bthrottl\w*\b/, 3]],
    reason: 'rate limits are a product decision per endpoint',
  },
  {
    id: 'environment-validation',
    category: 'configuration',
    signals: [
      [/\b(env(ironment)?|config(uration)?) (var(iable)?s? )?validation\b|\bvalidat\w* (the )?(required )?env(ironment)? var/, 3],
      [/\b(inconsistent|duplicate|conflicting)\b[^.]{0,30}\b(database_url|env\w*|config\w*)\b/, 2],
      [/\bseparate (env|environment) files\b/, 2],
    ],
    reason: 'which variables the app needs, and per environment, is for the team to decide',
  },
  {
    id: 'tls',
    category: 'security',
    signals: [[/\bhttps\b|\bssl\b|\btls\b/, 2]],
    reason: 'TLS is usually terminated by the platform; enforcing it in code depends on the deployment',
  },
  {
    id: 'security-scanning',
    category: 'security',
    signals: [[/\bnpm audit\b|\bsnyk\b|\bdependabot\b|\bvulnerabilit\w*\b|\bsecurity scan\w*\b|\bsast\b|\bwaf\b|\bpenetration\b/, 3]],
    reason: 'security scanning and audits are tools and processes to adopt',
  },
  {
    id: 'typescript-strictness',
    category: 'configuration',
    signals: [[/\bstrict (checks?|mode|compiler)\b|\btsconfig\b/, 3]],
    reason: 'stricter compiler options surface errors someone has to fix by hand',
  },
  {
    id: 'documentation',
    category: 'other',
    signals: [[/\bdocument\w*\b|\brunbook\b|\bdocs\b/, 2]],
    reason: 'documentation is written by the people who run the service',
  },
  {
    id: 'resilience',
    category: 'other',
    signals: [[/\bcircuit breakers?\b/, 3], [/\bretr(y|ies)\b|\bfallback\b/, 1]],
    reason: 'resilience patterns change how the app behaves on failure; a person has to choose them',
  },
  {
    id: 'infrastructure',
    category: 'deployment',
    signals: [[/\bauto-?scal\w*\b|\bblue-green\b|\bcanary\b|\bcdn\b|\bload balancer\b|\bdocker compose\b|\bdocker-compose\b|\bredis\b/, 2]],
    reason: 'infrastructure and local tooling are outside what a codemod can safely change',
  },
]
