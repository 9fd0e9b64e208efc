import type { Transform } from '../types.js'

export const START_MARKER = '<!-- transforms:start (generated from transform metadata by `npm run docs`) -->'
export const END_MARKER = '<!-- transforms:end -->'

/** The README's "Fixes" section, generated from the transforms' metadata so the two cannot drift. */
export function renderTransformsSection(transforms: readonly Transform[]): string {
  const table = [
    '| id | severity | what it does | audit finding |',
    '|---|---|---|---|',
    ...transforms.map(({ meta }) => `| [\`${meta.id}\`](#${meta.id}) | ${meta.severity} | ${meta.title} | ${meta.audit.finding} |`),
  ]
  const sections = transforms.map(({ meta }) => {
    const lang = /\.(?:[cm]?[jt]sx?)$/.test(meta.example.file) ? 'ts' : /\.ya?ml$/.test(meta.example.file) ? 'yaml' : ''
    return [
      `### ${meta.id}`,
      '',
      `**${meta.title}** — severity ${meta.severity}; answers the audit finding "${meta.audit.finding}".`,
      '',
      meta.description,
      '',
      `Before (\`${meta.example.file}\`):`,
      '',
      `\`\`\`${lang}`,
      meta.example.before,
      '```',
      '',
      'After:',
      '',
      `\`\`\`${lang}`,
      meta.example.after,
      '```',
      '',
      ...renderOptions(meta.options),
      `Run only this fix: \`npx prod-fix --dry-run --only ${meta.id}\``,
    ].join('\n')
  })
  return [START_MARKER, '', ...table, '', sections.join('\n\n'), '', END_MARKER].join('\n')
}

/** The README text with its generated section replaced. */
export function updateReadme(readme: string, transforms: readonly Transform[]): string {
  const start = readme.indexOf(START_MARKER)
  const end = readme.indexOf(END_MARKER)
  if (start === -1 || end === -1) throw new Error('README.md lacks the transforms markers')
  return readme.slice(0, start) + renderTransformsSection(transforms) + readme.slice(end + END_MARKER.length)
}

function renderOptions(options: Transform['meta']['options']): string[] {
  const entries = Object.entries(options ?? {})
  if (entries.length === 0) return []
  return ['Options (`transforms.<id>.options` in the configuration):', '', ...entries.map(([key, value]) => `- \`${key}\` — default \`${JSON.stringify(value)}\``), '']
}
