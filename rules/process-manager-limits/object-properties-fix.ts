// Inserting properties into an object literal the way the file writes them: on their own lines
// at the same indentation (or inline for a one-line object), keys quoted as the neighbours are,
// trailing commas and end-of-line comments kept. JSON files get JSON.
import { ts } from 'ts-morph';
import { codeStyle, quoted } from '../../engine/fix-text';
import type { RuleContext, TextEdit } from '../../engine/types';

export type PropertyValue = string | number | boolean;

export function insertPropertiesEdits(ctx: RuleContext, obj: ts.ObjectLiteralExpression, entries: [string, PropertyValue][], json: boolean): TextEdit[] {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const quote = json ? '"' : keyQuote(obj, sf);
  const keyText = (k: string): string => (quote ? `${quote}${k}${quote}` : k);
  const valueText = (v: PropertyValue): string =>
    typeof v !== 'string' ? String(v) : json ? JSON.stringify(v) : quoted(codeStyle(sf), v);
  const items = entries.map(([k, v]) => `${keyText(k)}: ${valueText(v)}`);
  const props = obj.properties;
  const open = obj.getStart(sf) + 1;
  if (!props.length) return [ctx.edit({ start: open, end: obj.end - 1 }, ` ${items.join(', ')} `)];
  const last = props[props.length - 1];
  const afterLast = props.hasTrailingComma ? text.indexOf(',', last.end) + 1 : last.end;
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  if (lineOf(props[0].getStart(sf)) === lineOf(open)) {
    // One line: `{ name: 'api', script: 'a.js' }`.
    return [ctx.edit({ start: afterLast, end: afterLast }, props.hasTrailingComma ? ` ${items.join(', ')},` : `, ${items.join(', ')}`)];
  }
  const lastStart = last.getStart(sf);
  const indent = text.slice(text.lastIndexOf('\n', lastStart - 1) + 1, lastStart);
  // After an end-of-line comment on the last property's line, so the comment stays with it.
  const rest = /^[^\S\r\n]*(\/\/[^\r\n]*)?/.exec(text.slice(afterLast))![0];
  const at = afterLast + rest.length;
  if (props.hasTrailingComma) return [ctx.edit({ start: at, end: at }, items.map((i) => `${eol}${indent}${i},`).join(''))];
  const lines = items.map((i) => `${eol}${indent}${i}`).join(',');
  if (at === last.end) return [ctx.edit({ start: at, end: at }, `,${lines}`)];
  return [
    ctx.edit({ start: last.end, end: last.end }, ','),
    ctx.edit({ start: at, end: at }, lines),
  ];
}

/** The quote the object's keys are written with (`'name': …`), or '' for bare keys. */
function keyQuote(obj: ts.ObjectLiteralExpression, sf: ts.SourceFile): string {
  for (const p of obj.properties) {
    if (p.name && ts.isStringLiteral(p.name)) return sf.text[p.name.getStart(sf)];
    if (p.name && ts.isIdentifier(p.name)) return '';
  }
  return '';
}
