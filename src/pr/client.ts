/** An open pull (merge) request, as prod-fix uses it. */
export interface PullRequest {
  number: number
  url: string
}

/** What prod-fix asks of a forge: the same four calls on GitHub and GitLab. */
export interface ForgeClient {
  /** The repository's default branch (the pull request's base when --base is not given). */
  defaultBranch(): Promise<string>
  /** The open pull request whose head is `branch`, if any. */
  findOpen(branch: string): Promise<PullRequest | undefined>
  /** Opens a pull request; a ForgeError with failure 'exists' when one is already open for the branch. */
  create(input: { branch: string; base: string; title: string; body: string; draft: boolean }): Promise<PullRequest>
  /** Replaces the body (and the title when given) of an open pull request. */
  update(number: number, input: { title?: string; body: string }): Promise<PullRequest>
}
