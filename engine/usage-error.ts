// Wrong usage (an unknown option, a missing path, a bad value): the CLI prints the message alone
// and exits 2. Its own module so the CLI's small entry can tell usage errors apart without the engine.
export class UsageError extends Error {
  override name = 'UsageError';
}
