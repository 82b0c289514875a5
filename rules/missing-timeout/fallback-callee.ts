// `(options?.fetch ?? fetch)(url, init)`: a callee that is a caller's override or, by default, a
// library function. When no override is given the library call is what runs, with these
// arguments, so it is judged as that call (huggingface's hub lookups, check 61).
import { ts } from 'ts-morph';
import { unwrap } from '../shared/ast';

/** The default of a `a ?? b` / `a || b` callee: `b`, when the callee is written so. */
export function fallbackOfCallee(callee: ts.Expression): ts.Expression | undefined {
  const e = unwrap(callee);
  if (!ts.isBinaryExpression(e)) return undefined;
  const op = e.operatorToken.kind;
  return op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken ? e.right : undefined;
}
