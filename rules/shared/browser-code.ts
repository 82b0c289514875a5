// Whether a file is code for a browser page (`$(document).ready(…)`, `window.addEventListener`) or
// a worker of one (`self.addEventListener('fetch', …)`):
// it has no Node process, so a timer that "keeps the process alive" or a collection that grows
// "until the heap is exhausted" on a server does not apply. Judged from what the file uses: the
// page's globals as objects, and no Node built-in module. `runsInBrowser` asks the same of the
// class around a node, for files that hold page code beside Node code.
import { ts } from 'ts-morph';
import { perSourceFile } from './per-file';
import { findDeclaration } from '../../engine/scope';
import { requiredSpecifier } from '../../engine/module-symbols';
import { JSX_COMPONENT_LIBRARIES, WEB_COMPONENT_LIBRARIES } from '../../engine/knowledge';
import { fileNodes } from '../../engine/file-nodes';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

// `location` is the page's address; `self` is a worker's (a service worker's) global scope;
// `customElements` is the page's registry of custom elements.
const BROWSER_GLOBALS = new Set(['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'location', 'self', 'customElements']);
const NODE_BUILTINS = new Set([
  'fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'cluster', 'worker_threads', 'os',
  'path', 'stream', 'zlib', 'crypto', 'dns', 'readline', 'process', 'events', 'util', 'url', 'timers', 'v8', 'vm',
]);

export const isBrowserCode: (sf: ts.SourceFile) => boolean = perSourceFile(decide);

function decide(sf: ts.SourceFile): boolean {
  const text = sf.text;
  if (!/\b(document|window|localStorage|sessionStorage|navigator|location|self|customElements)\b/.test(text)) return false;
  let usesPage = false;
  let usesNode = false;
  for (const n of fileNodes(sf)) {
    if (usesNode) break;
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && isNodeBuiltin(n.moduleSpecifier.text)) usesNode = true;
    if (ts.isCallExpression(n)) {
      const spec = requiredSpecifier(n);
      if (spec !== undefined && isNodeBuiltin(spec)) usesNode = true;
    }
    if (ts.isIdentifier(n) && n.text === 'process' && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n &&
      ['on', 'once', 'exit', 'argv', 'cwd'].includes(n.parent.name.text)) usesNode = true;
    if (!usesPage && ts.isIdentifier(n) && BROWSER_GLOBALS.has(n.text) && usedAsObject(n) && !findDeclaration(n.text, n)) usesPage = true;
  }
  return usesPage && !usesNode;
}

/**
 * A React or Preact component file (boardgame.io's `src/lobby/react.tsx`): JSX, an import of the UI
 * library (JSX_COMPONENT_LIBRARIES), no Node built-in or `process` hook, and no sign of rendering
 * on a server (`renderToString`, `react-dom/server`, a `'use server'` directive, Next.js's
 * `getServerSideProps`), which would make it code a Node process runs. Only the rules whose harm
 * is the Node process ask this; the page's globals need not appear in it.
 */
export const isComponentFile: (sf: ts.SourceFile) => boolean = perSourceFile((sf) => {
  if (!/[jt]sx$/.test(sf.fileName) && !/<\/|\/>/.test(sf.text)) return false;
  if (SERVER_RENDERING.test(sf.text)) return false;
  let jsx = false;
  let library = false;
  for (const n of fileNodes(sf)) {
    const spec = ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : ts.isCallExpression(n) ? requiredSpecifier(n) : undefined;
    if (spec !== undefined && isNodeBuiltin(spec)) return false;
    if (spec !== undefined && JSX_COMPONENT_LIBRARIES.has(spec)) library = true;
    if (ts.isIdentifier(n) && n.text === 'process' && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n &&
      ['on', 'once', 'exit'].includes(n.parent.name.text)) return false;
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) jsx = true;
  }
  return jsx && library;
});

const SERVER_RENDERING = /\b(renderToString|renderToStaticMarkup|renderToPipeableStream|renderToReadableStream|getServerSideProps|getStaticProps)\b|react-dom\/server|['"]use server['"]/;

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec);
}

/** `document.x`, `$(document)`, `window.addEventListener(…)`: not a `typeof window` probe. */
function usedAsObject(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isTypeOfExpression(p)) return false;
  if (underTypeofGuard(id)) return false;
  if (ts.isPropertyAccessExpression(p) && p.expression === id) return true;
  return ts.isCallExpression(p) && p.arguments.includes(id);
}

/**
 * `typeof navigator !== 'undefined' ? navigator.userAgent : undefined`: universal code probing for
 * the page, which also runs in Node (huggingface's request options, check 61); not page code.
 */
function underTypeofGuard(id: ts.Identifier): boolean {
  for (let child: ts.Node = id, n = id.parent; n && !ts.isSourceFile(n) && !ts.isFunctionLike(n); child = n, n = n.parent) {
    if (ts.isConditionalExpression(n) && child !== n.condition && probes(n.condition, id.text, child === n.whenTrue)) return true;
    if (ts.isIfStatement(n) && child !== n.expression && probes(n.expression, id.text, child === n.thenStatement)) return true;
    if (ts.isBinaryExpression(n) && child === n.right && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && probes(n.left, id.text, true)) return true;
  }
  return false;
}

/** `typeof name !== 'undefined'` (when `defined`), or `typeof name === 'undefined'` (when not), possibly inside `&&`. */
function probes(cond: ts.Expression, name: string, defined: boolean): boolean {
  const c = ts.isParenthesizedExpression(cond) ? cond.expression : cond;
  if (!ts.isBinaryExpression(c)) return false;
  if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && defined) return probes(c.left, name, true) || probes(c.right, name, true);
  const op = c.operatorToken.kind;
  const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!negated && op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const [t, lit] = ts.isTypeOfExpression(c.left) ? [c.left, c.right] : [c.right, c.left];
  if (!ts.isTypeOfExpression(t) || !ts.isIdentifier(t.expression) || t.expression.text !== name) return false;
  if (!ts.isStringLiteralLike(lit) || lit.text !== 'undefined') return false;
  return negated === defined;
}

/**
 * The code at `node` runs in a browser: its file is page code, or a class around it is — a custom
 * element (`extends HTMLElement`, or a base from a web-component library such as Polymer or Lit),
 * or a class that uses the page's globals as objects, outside any `typeof` test, and touches no
 * Node built-in (webtorrent's `BrowserServer`, beside the Node server in the same file).
 */
export function runsInBrowser(node: ts.Node): boolean {
  if (isBrowserCode(node.getSourceFile())) return true;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n) && isBrowserClass(n, 0)) return true;
  }
  return false;
}

const classVerdicts = new WeakMap<ts.ClassLikeDeclaration, boolean>();

function isBrowserClass(cls: ts.ClassLikeDeclaration, depth: number): boolean {
  let known = classVerdicts.get(cls);
  if (known === undefined) {
    known = isCustomElement(cls, depth) || usesPageNotNode(cls);
    classVerdicts.set(cls, known);
  }
  return known;
}

/** `extends HTMLElement` (or `HTMLButtonElement`…), a web-component library's base, or a class of the file that is one. */
function isCustomElement(cls: ts.ClassLikeDeclaration, depth: number): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base) return false;
  let found = false;
  // Every name in the base expression: `Polymer.PolymerElement`, `LitElement`, `Mixin(PolymerElement)`.
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      const decl = findDeclaration(n.text, n);
      if (!decl) found = /^HTML\w*Element$/.test(n.text);
      else if (ts.isClassDeclaration(decl)) found = depth < 3 && decl !== cls && isBrowserClass(decl, depth + 1);
      else found = isWebComponentModule(importedFrom(decl));
      if (found) return STOP;
    }
  };
  walkTree(base, visit);
  return found;
}

function isWebComponentModule(spec: string | undefined): boolean {
  if (spec === undefined) return false;
  return [...WEB_COMPONENT_LIBRARIES].some((m) => spec === m || spec.startsWith(`${m}/`));
}

/** The module a name was imported or required from. */
function importedFrom(decl: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isImportDeclaration(n)) return ts.isStringLiteral(n.moduleSpecifier) ? n.moduleSpecifier.text : undefined;
    if (ts.isVariableDeclaration(n)) return n.initializer && ts.isCallExpression(n.initializer) ? requiredSpecifier(n.initializer) : undefined;
    if (ts.isStatement(n)) return undefined;
  }
  return undefined;
}

/** The class uses a page global as an object, untested by `typeof`, and no Node built-in or `process` hook. */
function usesPageNotNode(cls: ts.ClassLikeDeclaration): boolean {
  let usesPage = false;
  let usesNode = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (usesNode) return SKIP;
    if (ts.isIdentifier(n)) {
      const decl = findDeclaration(n.text, n);
      if (decl && isNodeBuiltinName(decl)) usesNode = true;
      else if (!decl && n.text === 'process' && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) usesNode = true;
      else if (!usesPage && !decl && BROWSER_GLOBALS.has(n.text) && usedAsObject(n) && !testedByTypeof(n, cls)) usesPage = true;
    }
    if (ts.isCallExpression(n)) {
      const spec = requiredSpecifier(n);
      if (spec !== undefined && isNodeBuiltin(spec)) usesNode = true;
    }
  };
  walkTree(cls, visit);
  return usesPage && !usesNode;
}

/** A name bound to a Node built-in module (`import http from 'http'`, `const fs = require('fs')`). */
function isNodeBuiltinName(decl: ts.Node): boolean {
  const spec = ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isVariableDeclaration(decl) ||
    ts.isBindingElement(decl) ? importedFrom(decl) : undefined;
  return spec !== undefined && isNodeBuiltin(spec);
}

/** Under a test that asks whether the global exists (`typeof window !== 'undefined' && window.x`). */
function testedByTypeof(id: ts.Identifier, stop: ts.Node): boolean {
  for (let n: ts.Node = id; n !== stop && n.parent; n = n.parent) {
    const p = n.parent;
    const test = ts.isIfStatement(p) ? p.expression : ts.isConditionalExpression(p) ? p.condition
      : ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken) ? p.left : undefined;
    if (test && test !== n && /\btypeof\s+\w+/.test(test.getText())) return true;
  }
  return false;
}
