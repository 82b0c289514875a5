// Every node of a parsed file in one array, in the order a recursive `ts.forEachChild` walk from
// the file visits them (the file itself first). Rules and their helpers ask whole-file questions
// (which names are passed as arguments, which flags are set to true, is this browser code) in
// a dozen places per file; each was a walk of its own through the compiler's forEachChild, about
// a whole parse's walk of CPU each. A loop over this array visits the same nodes in the same order
// for a fraction of that. Built by the walk that sets parent pointers, or on first request.
import { ts } from 'ts-morph';

const nodesOf = new WeakMap<ts.SourceFile, readonly ts.Node[]>();

/** The file's nodes in forEachChild pre-order, the file first. Do not change the array. */
export function fileNodes(sf: ts.SourceFile): readonly ts.Node[] {
  let nodes = nodesOf.get(sf);
  if (nodes === undefined) {
    const out: ts.Node[] = [sf];
    const visit = (n: ts.Node): undefined => {
      out.push(n);
      ts.forEachChild(n, visit);
      return undefined;
    };
    ts.forEachChild(sf, visit);
    nodes = out;
    nodesOf.set(sf, nodes);
  }
  return nodes;
}

/** Records the nodes a walk of the whole file collected in the same order (engine/lint-file.ts setParents). */
export function rememberFileNodes(sf: ts.SourceFile, nodes: readonly ts.Node[]): void {
  nodesOf.set(sf, nodes);
}
