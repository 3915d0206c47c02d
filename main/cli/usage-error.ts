/** A mistake in the command line: said in one sentence, with exit status 2 and never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
