import { detectSecrets } from './detect.js'

/** Masks a secret for display: at most its first two characters, then ****. */
export function mask(value: string): string {
  return `${value.slice(0, value.length >= 12 ? 2 : 0)}****`
}

const SHORT = 8

/** Remembers every secret value seen in a run and masks them in anything shown or written out. */
export class Redactor {
  private readonly values = new Set<string>()
  private pattern: RegExp | undefined

  /** Registers the secrets found in a text (a file's content before or after a change). */
  scan(text: string | null | undefined): void {
    if (!text) return
    for (const hit of detectSecrets(text)) this.add(hit.value)
  }

  add(value: string): void {
    if (value.length < 4 || this.values.has(value)) return
    this.values.add(value)
    this.pattern = undefined
  }

  get size(): number {
    return this.values.size
  }

  /** The text with every known secret masked. */
  redact(text: string): string {
    if (this.values.size === 0) return text
    // Longest first so a secret containing another is masked whole. A short value (a weak URL
    // password such as "docker") is masked only where it stands as a URL password, so that
    // ordinary words elsewhere (docker-compose.yml) stay readable.
    this.pattern ??= new RegExp(
      [...this.values].sort((a, b) => b.length - a.length).map((v) => (v.length < SHORT ? `(?<=:)${escape(v)}(?=@)` : escape(v))).join('|'),
      'g',
    )
    return text.replace(this.pattern, (value) => mask(value))
  }
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
