import { styleText } from 'node:util'

type Style = Parameters<typeof styleText>[0]

let enabled = colorWanted(process.stdout)

/** Colour when writing to a terminal, unless NO_COLOR; FORCE_COLOR forces it (as most CLIs do). */
function colorWanted(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY)
}

export function setColor(on: boolean): void {
  enabled = on
}

/** The text in the style when colour is on, else as is. */
export function paint(style: Style, text: string): string {
  return enabled ? styleText(style, text) : text
}

export const symbols = {
  fix: '●',
  ok: '✔',
  info: 'ℹ',
  warn: '▲',
  error: '✖',
}
