
/** The user pressed Ctrl-C (or Escape) at a prompt: the run ends and nothing is applied. */
export class PromptCancelled extends Error {
  override name = 'PromptCancelled'
  constructor() {
    super('cancelled at the prompt: nothing was applied, the repository is as it was')
  }
}

/** A choice of a select prompt with the key that picks it directly. */
export interface KeyedChoice<T extends string> {
  key: string
  value: T
  title: string
}

/** The internals of a prompts select element that keyed choices need. */
interface SelectElement {
  cursor: number
  value: unknown
  choices: Array<{ value: unknown }>
  submit(): void
  _?: (char: string) => void
}

/**
 * Asks to pick one of `choices`, by arrow keys and Enter or by pressing a choice's key.
 * The only prompts() call of prod-fix, so cancelling behaves the same everywhere.
 */
export async function select<T extends string>(message: string, choices: ReadonlyArray<KeyedChoice<T>>, hint: string): Promise<T> {
  let cancelled = false
  // Loaded when a prompt is shown: dry runs and --yes never pay for it.
  const { default: prompts } = await import('prompts')
  const answers = await prompts(
    {
      type: 'select',
      name: 'choice',
      message,
      hint,
      choices: choices.map((choice) => ({ title: `${choice.key}  ${choice.title}`, value: choice.value })),
      onRender() {
        // prompts' select has no shortcut keys: a key press that is not navigation reaches `_`.
        const element = this as unknown as SelectElement
        if (Object.hasOwn(element, '_')) return
        element._ = (char: string) => {
          const index = choices.findIndex((choice) => choice.key === char)
          if (index === -1) return
          element.cursor = index
          element.value = element.choices[index]!.value
          element.submit()
        }
      },
    },
    {
      onCancel: () => {
        cancelled = true
        return false
      },
    },
  )
  if (cancelled || !('choice' in answers)) throw new PromptCancelled()
  return answers.choice as T
}
