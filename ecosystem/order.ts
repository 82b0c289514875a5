// One ordering for everything the check writes or prints, so files and output never depend on
// the machine's locale.

/** Code-unit order of two strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
