// Whether a file that does not parse is a template rather than broken code: a placeholder of a
// text-substitution step (`%%DEFAULTS%%`, `{{ port }}`, `<%= config %>`) stands exactly where
// parsing stops. Such a file is filled in before it runs, so it is skipped with a note; a syntax
// error anywhere else stays a parse error, even in a file that holds placeholders too.

/** Placeholder syntaxes of common substitution steps, each within one line. */
const PLACEHOLDERS: RegExp[] = [
  /%%[A-Za-z_][\w.-]*%%/g, // sed/replace-style markers
  /@@[A-Za-z_][\w.-]*@@/g, // grunt-replace and kin
  /\{\{\{?[^{}\n]*\w[^{}\n]*\}?\}\}/g, // Mustache, Handlebars
  /\{%[^\n]*?\w[^\n]*?%\}/g, // Jinja, Nunjucks, Liquid
  /<%[^\n]*?\w[^\n]*?%>/g, // EJS, Underscore/lodash templates, ERB
];

/**
 * Tags that may run over several lines (`<%= FLAG ? [ … ].join('\n') : '' %>` in a scaffold),
 * each with its opening and closing mark; a tag longer than this is not taken for one.
 */
const MULTI_LINE_TAGS: [open: string, close: string][] = [['<%', '%>'], ['{%', '%}'], ['{{', '}}']];
const MAX_TAG_LENGTH = 4000;

/** The placeholder whose span holds `offset` (or ends right at it), if there is one on its line. */
export function templatePlaceholderAt(text: string, offset: number): string | undefined {
  return oneLinePlaceholderAt(text, offset) ?? multiLineTagAt(text, offset);
}

/** A tag opened on the line where parsing stops, at or before the stop, and closed on a later line. */
function multiLineTagAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (const [open, close] of MULTI_LINE_TAGS) {
    const start = text.lastIndexOf(open, offset);
    if (start < lineStart) continue;
    const end = text.indexOf(close, start + open.length);
    if (end < 0 || end + close.length - start > MAX_TAG_LENGTH || end < offset) continue;
    const firstLine = text.slice(start, text.indexOf('\n', start)).trimEnd();
    if (!/\w/.test(firstLine.slice(open.length))) continue;
    return `${firstLine} … ${close}`;
  }
  return undefined;
}

function oneLinePlaceholderAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const at = offset - lineStart;
  for (const pattern of PLACEHOLDERS) {
    for (const m of line.matchAll(pattern)) {
      if (m.index <= at && at <= m.index + m[0].length) return m[0];
    }
  }
  return undefined;
}
