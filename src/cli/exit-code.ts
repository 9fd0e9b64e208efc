/** The process exit codes; the issues fix these numbers. */
export enum ExitCode {
  Success = 0,
  FixesPending = 1,
  Error = 2,
}
