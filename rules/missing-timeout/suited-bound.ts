// Whether a default time bound suits a call (the spec's "Fix safety": a tarball upload gets no
// 10 s signal). The finding stands; where the default would cut off legitimate work, no fix
// writes it and the user picks the bound. (Child processes that run for minutes by design, an
// install or a build, are not reported at all: see child-commands.ts.)
import { ts } from 'ts-morph';
import type { TimeoutKind } from '../../engine/knowledge';
import { Outer, skipOuter } from '../shared/ast';

/** False where the default bound of `kind` would stop work that is slow by nature: an HTTP request uploading a body of unknown size. */
export function defaultBoundSuits(node: ts.CallExpression | ts.NewExpression, kind: TimeoutKind, uploads?: boolean): boolean {
  return kind !== 'http' || (!uploads && !uploadsUnknownSize(node));
}

/** `fetch(url, { body: stream })`, `{ duplex: 'half' }`: a body that is not a literal or `JSON.stringify(…)`. */
function uploadsUnknownSize(node: ts.CallExpression | ts.NewExpression): boolean {
  for (const arg of node.arguments ?? []) {
    const e = skipOuter(arg, Outer.Parens | Outer.As);
    if (!ts.isObjectLiteralExpression(e)) continue;
    for (const p of e.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (name === 'duplex') return true;
      if (name !== 'body') continue;
      if (!ts.isPropertyAssignment(p)) return true;
      const v = skipOuter(p.initializer, Outer.Parens | Outer.As);
      const small = ts.isStringLiteralLike(v) || ts.isTemplateExpression(v) || ts.isObjectLiteralExpression(v) ||
        (ts.isCallExpression(v) && v.expression.getText() === 'JSON.stringify') || (ts.isNewExpression(v) && v.expression.getText() === 'URLSearchParams');
      if (!small) return true;
    }
  }
  return false;
}
