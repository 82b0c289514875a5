// Whether to colour, and the few ANSI styles the stylish report uses. No dependency: seven
// escape pairs do not justify one.

/**
 * --color/--no-color win; then FORCE_COLOR (0 or false turn colour off, anything else on),
 * then NO_COLOR (any non-empty value turns it off, per no-color.org); else colour on a TTY.
 */
export function useColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const style = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, underline: plain };
  return { red: style(31, 39), yellow: style(33, 39), blue: style(34, 39), dim: style(2, 22), bold: style(1, 22), underline: style(4, 24) };
}
