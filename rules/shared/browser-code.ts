// Whether a file is code for a browser page (`$(document).ready(…)`, `window.addEventListener`) or
// a worker of one (`self.addEventListener('fetch', …)`):
// it has no Node process, so a timer that "keeps the process alive" or a collection that grows
// "until the heap is exhausted" on a server does not apply. Judged from what the file uses: the
// page's globals as objects, and no Node built-in module.
import { ts } from 'ts-morph';
import { perSourceFile } from './per-file';
import { findDeclaration } from '../../engine/scope';
import { requiredSpecifier } from '../../engine/module-symbols';

// `location` is the page's address; `self` is a worker's (a service worker's) global scope.
const BROWSER_GLOBALS = new Set(['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'location', 'self']);
const NODE_BUILTINS = new Set([
  'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'cluster', 'worker_threads', 'os',
  'path', 'stream', 'zlib', 'crypto', 'dns', 'readline', 'process', 'events', 'util', 'url', 'timers', 'v8', 'vm',
]);

export const isBrowserCode: (sf: ts.SourceFile) => boolean = perSourceFile(decide);

function decide(sf: ts.SourceFile): boolean {
  const text = sf.text;
  if (!/\b(document|window|localStorage|sessionStorage|navigator|location|self)\b/.test(text)) return false;
  let usesPage = false;
  let usesNode = false;
  const visit = (n: ts.Node): void => {
    if (usesNode) return;
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && isNodeBuiltin(n.moduleSpecifier.text)) usesNode = true;
    if (ts.isCallExpression(n)) {
      const spec = requiredSpecifier(n);
      if (spec !== undefined && isNodeBuiltin(spec)) usesNode = true;
    }
    if (ts.isIdentifier(n) && n.text === 'process' && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n &&
      ['on', 'once', 'exit', 'argv', 'cwd'].includes(n.parent.name.text)) usesNode = true;
    if (!usesPage && ts.isIdentifier(n) && BROWSER_GLOBALS.has(n.text) && usedAsObject(n) && !findDeclaration(n.text, n)) usesPage = true;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return usesPage && !usesNode;
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec);
}

/** `document.x`, `$(document)`, `window.addEventListener(…)`: not a `typeof window` probe. */
function usedAsObject(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isTypeOfExpression(p)) return false;
  if (ts.isPropertyAccessExpression(p) && p.expression === id) return true;
  return ts.isCallExpression(p) && p.arguments.includes(id);
}
