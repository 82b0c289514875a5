// Every node of a parsed file in one array, in the order a recursive `ts.forEachChild` walk from
// the file visits them (the file itself first), with where each node's subtree ends. Rules and
// their helpers ask whole-file and whole-function questions (which names are passed as
// arguments, which flags are set to true, what a class assigns to a field) dozens of times per
// file; each was a recursive walk through the compiler's forEachChild, and together they cost
// more CPU than parsing. A loop over this array visits the same nodes in the same order for a
// fraction of that. Built by the walk that sets parent pointers, or on first request.
import { ts } from 'ts-morph';

interface FileNodes {
  nodes: ts.Node[];
  /** ends[i]: the index just past the last node under nodes[i]. */
  ends: number[];
}

const byFile = new WeakMap<ts.SourceFile, FileNodes>();

/** A visitor's answer: SKIP leaves out the node's children, STOP ends the walk. */
export const SKIP = 1;
export const STOP = 2;
export type WalkAnswer = typeof SKIP | typeof STOP | void;

function collect(sf: ts.SourceFile): FileNodes {
  let known = byFile.get(sf);
  if (known === undefined) {
    const nodes: ts.Node[] = [sf];
    const ends: number[] = [0];
    const visit = (n: ts.Node): undefined => {
      const i = nodes.push(n) - 1;
      ends.push(0);
      ts.forEachChild(n, visit);
      ends[i] = nodes.length;
      return undefined;
    };
    ts.forEachChild(sf, visit);
    ends[0] = nodes.length;
    known = { nodes, ends };
    byFile.set(sf, known);
  }
  return known;
}

/** The file's nodes in forEachChild pre-order, the file first. Do not change the array. */
export function fileNodes(sf: ts.SourceFile): readonly ts.Node[] {
  return collect(sf).nodes;
}

/** Records what a walk of the whole file collected in the same order (engine/lint-file.ts setParents). */
export function rememberFileNodes(sf: ts.SourceFile, nodes: ts.Node[], ends: number[]): void {
  byFile.set(sf, { nodes, ends });
}

/**
 * Visits `root` and every node under it in the order of
 * `const visit = (n) => { …; ts.forEachChild(n, visit) }; visit(root)`; `visit` answers SKIP to
 * leave out a node's children (a `return` before the recursion), STOP to end the walk.
 */
export function walkTree(root: ts.Node, visit: (n: ts.Node) => WalkAnswer): void {
  const sf = root.getSourceFile();
  const at = sf ? indexOf(collect(sf), root) : -1;
  if (at < 0) {
    walkRecursively(root, visit);
    return;
  }
  const { nodes, ends } = collect(sf);
  for (let i = at, end = ends[at]; i < end;) {
    const answer = visit(nodes[i]);
    if (answer === STOP) return;
    i = answer === SKIP ? ends[i] : i + 1;
  }
}

/** The node's place in the array: found by its start among the nodes that start where it does, else by a search. */
function indexOf({ nodes }: FileNodes, node: ts.Node): number {
  // Pre-order positions never decrease in source order; where the compiler's child order differs,
  // the identity check fails and the plain search answers.
  let lo = 0;
  let hi = nodes.length;
  const pos = node.pos;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < nodes.length && nodes[i].pos === pos; i++) if (nodes[i] === node) return i;
  return nodes.indexOf(node);
}

function walkRecursively(root: ts.Node, visit: (n: ts.Node) => WalkAnswer): void {
  let stopped = false;
  const step = (n: ts.Node): boolean | undefined => {
    const answer = visit(n);
    if (answer === STOP) return (stopped = true);
    if (answer !== SKIP) ts.forEachChild(n, step);
    return stopped || undefined;
  };
  step(root);
}
