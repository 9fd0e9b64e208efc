/** A mistake in how prod-fix was called or configured: one clear line, exit 2, no stack. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The repository's git state forbids the operation (dirty tree, detached HEAD, mid-rebase). */
export class GitError extends Error {
  override name = 'GitError'
}

/** A configuration file that cannot be used; names the file and the key. */
export class ConfigError extends UsageError {
  override name = 'ConfigError'
}

/** Errors whose message is meant for the user as is. */
export function isUserError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof GitError
}
