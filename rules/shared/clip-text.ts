// Code quoted in a message's first line is cut to fit, at a boundary a reader can follow: a member
// chain keeps its head and its last names (`this.….emitAction`), other text ends before the token
// that overflows (`Array.from(…`), never in the middle of a name.

/** `text` (one line) cut to at most `max` characters, marked with `…` where it was cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (/^[\w$#]+(\.[\w$#]+)+$/.test(text)) return clipChain(text.split('.'), max);
  const room = text.slice(0, max - 1);
  // The last place before the cut where a token ends: after `.`, `(`, `[`, `,` or a space.
  const boundary = Math.max(room.lastIndexOf('.'), room.lastIndexOf('('), room.lastIndexOf('['), room.lastIndexOf(','), room.lastIndexOf(' '));
  const at = boundary >= max / 2 ? boundary + 1 : max - 1;
  return `${text.slice(0, at).trimEnd()}…`;
}

function clipChain(names: string[], max: number): string {
  const last = names[names.length - 1];
  let tail = last;
  for (let i = names.length - 2; i >= 1; i--) {
    const longer = `${names[i]}.${tail}`;
    if (`${names[0]}.….${longer}`.length > max) break;
    tail = longer;
  }
  const shown = `${names[0]}.….${tail}`;
  if (shown.length <= max) return shown;
  return last.length + 2 <= max ? `….${last}` : `${last.slice(0, max - 1)}…`;
}
