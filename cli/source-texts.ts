// The text findings point into, read lazily and once per file, for what reports quote from
// source: ESLint's `source`, SARIF fingerprints and related locations in other files. After
// --fix the fixed text (`output`) is the one the remaining findings' positions refer to.
import * as fs from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/config';
import { computeLineStarts, lineColumn, looksBinary } from '../engine/text';
import type { FileReport } from '../engine/types';

interface Text {
  text: string;
  lineStarts: number[];
}

export class SourceTexts {
  private readonly cache = new Map<string, Text | null>();
  private readonly known = new Map<string, FileReport>();

  constructor(reports: readonly FileReport[]) {
    for (const r of reports) this.known.set(r.file, r);
  }

  /** The file's text, or undefined when it was skipped (binary, too large) or cannot be read. */
  text(file: string): string | undefined {
    return this.load(file)?.text;
  }

  /** One line's text without its line break; '' when the file or line is unavailable. */
  lineText(file: string, line: number): string {
    const t = this.load(file);
    if (!t || line < 1 || line > t.lineStarts.length) return '';
    const start = t.lineStarts[line - 1];
    const end = line < t.lineStarts.length ? t.lineStarts[line] : t.text.length;
    return t.text.slice(start, end).replace(/\r?\n$/, '');
  }

  /** 1-based position of an offset, or undefined when the file cannot be read. */
  position(file: string, offset: number): { line: number; column: number } | undefined {
    const t = this.load(file);
    return t ? lineColumn(t.lineStarts, offset) : undefined;
  }

  private load(file: string): Text | null {
    let t = this.cache.get(file);
    if (t === undefined) {
      t = this.read(file);
      this.cache.set(file, t);
    }
    return t;
  }

  private read(file: string): Text | null {
    const report = this.known.get(file);
    if (report?.output !== undefined) return { text: report.output, lineStarts: computeLineStarts(report.output) };
    // A file the engine skipped (binary, over maxFileSize) is not worth reading here either.
    if (report?.messages.some((m) => m.fatal && m.severity === 'info')) return null;
    try {
      if (fs.statSync(file).size > DEFAULT_MAX_FILE_SIZE) return null;
      const buf = fs.readFileSync(file);
      if (looksBinary(buf)) return null;
      const text = buf.toString('utf8');
      return { text, lineStarts: computeLineStarts(text) };
    } catch {
      return null;
    }
  }
}
