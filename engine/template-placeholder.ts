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

/** The placeholder whose span holds `offset` (or ends right at it), if there is one on its line. */
export function templatePlaceholderAt(text: string, offset: number): string | undefined {
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
