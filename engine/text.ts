// Offsets, lines and columns. Lines and columns are 1-based for people; offsets 0-based.

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset (binary search over line starts). */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

/** The offset of a 1-based line and column. */
export function offsetAt(lineStarts: readonly number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? lineStarts[lineStarts.length - 1]) + column - 1;
}

/** True when the buffer looks binary: a NUL byte in its first 8 KiB, as git decides. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
