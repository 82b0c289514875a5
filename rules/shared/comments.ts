// What the maintainers wrote right above a statement: a comment there can state what the code
// cannot show (a call that dedupes its concurrent callers, a collection that stays small).
import { ts } from 'ts-morph';

/** The comments directly above the statement or class member that holds the node. */
export function commentsAbove(node: ts.Node, text: string): string[] {
  let holder: ts.Node = node;
  while (holder.parent && !ts.isStatement(holder) && !ts.isClassElement(holder)) holder = holder.parent;
  // `const x = …` is a declaration list inside a statement: the comment leads the statement.
  if (ts.isVariableDeclaration(holder) && holder.parent?.parent) holder = holder.parent.parent;
  return (ts.getLeadingCommentRanges(text, holder.pos) ?? []).map((c) => text.slice(c.pos, c.end));
}
