// unreleased-resource: pools, clients, servers, watchers, workers and intervals that are made and
// never given back. What opens a resource and what releases it is library knowledge
// (engine/knowledge.ts); a release anywhere in the project counts, settled through facts.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, semi } from '../../engine/fix-text';
import { DETACH_METHODS, SERVICE_LIFETIME_KINDS, type ResourceKind, type ResourceKnowledge } from '../../engine/knowledge';
import { declared, freshName, scopeOfStatement } from '../../engine/fix-names';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { Fix, FixDeclaration, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { enclosingFunction, isAsync, Outer, skipOuter } from '../shared/ast';
import { libraryCallee } from '../shared/library-call';
import { isShutdownRegistration, resourceUses, type ReleaseForms } from './resource-uses';
import { wrapInTryFinally } from './try-finally-fix';

/** How messages name each kind of resource. */
const NOUN: Record<ResourceKind, string> = {
  pool: 'connection pool', client: 'client', server: 'server', watcher: 'file watcher', worker: 'worker thread',
  interval: 'interval', checkout: 'pooled connection', socket: 'socket', process: 'child process',
};

/** What an unreleased module-level resource does when the process is asked to stop. */
const AT_SHUTDOWN: Record<ResourceKind, string> = {
  pool: 'its open connections keep the process alive until the orchestrator kills it, cutting off in-flight queries',
  client: 'its open connection keeps the process alive until the orchestrator kills it, cutting off in-flight work',
  socket: 'the open socket keeps the process alive until the orchestrator kills it',
  checkout: 'the connection stays checked out of its pool',
  server: 'it keeps accepting requests until the orchestrator kills the process, cutting off the requests in flight',
  watcher: 'it keeps the event loop alive, so the process never exits on its own and is killed after the grace period',
  worker: 'the thread keeps the process alive, so it is killed after the grace period in the middle of its work',
  interval: 'the timer keeps the event loop alive, so the process never exits on its own and is killed after the grace period',
  process: 'the child keeps running after its parent is gone',
};

type Options = Record<string, never>;

/**
 * The project facts this rule records and reads: a binding released (`released`), a member of that
 * name released on some object (`released-member`), or on an object other than `this` (`released-external-member`).
 */
type FactKind = 'released' | 'released-member' | 'released-external-member';

type MessageId = 'neverReleased' | 'perCall' | 'checkout' | 'discardedInterval';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unreleased-resource',
    description: 'Pools, clients, servers, watchers, workers and intervals that are acquired and never given back.',
    defaultSeverity: 'warn',
    fixable: { safe: 'moving the release into `finally`; `onShutdown(() => …)` for a module-level resource or interval', suggestion: 'a new release in `finally` (unsafe: the resource may still be in use)' },
    fileKinds: ['script'],
    messages: {
      neverReleased: 'The {{noun}} `{{name}}` is never released: nothing in the project calls `{{release}}` or registers it for shutdown. On SIGTERM {{atShutdown}}. Register it: `{{registration}}`.',
      perCall: 'The {{noun}} `{{name}}` is created on every call of `{{fn}}` and {{problem}}. Every call leaks one, and under load the process runs out of connections, file handles or memory. {{advice}}',
      checkout: '`{{name}}` is checked out with `{{method}}()` and {{problem}}. Each leak keeps a connection checked out; once the pool is drained, every query waits forever and the service hangs. Release it in `finally`: `try { … } finally { {{release}} }`.',
      discardedInterval: 'The handle of this `setInterval` is thrown away, so the timer can never be cleared: it runs forever and keeps the process from exiting on shutdown{{repeat}}. Keep the handle and clear it on shutdown (`onShutdown(() => clearInterval(handle))`), or call `.unref()` on it.',
    },
    options: {},
  },

  create(ctx) {
    const knowledge = ctx.knowledge;
    const releaseNames = knowledge.releaseNames();
    const checkoutMethods = knowledge.checkoutMethods();

    /** `pool.end`, `clearInterval(timer)`, `timer.unref()`: a fact for whatever is released. */
    const noteRelease = (target: ts.Expression): void => {
      for (const fact of releaseFacts(ctx, target)) ctx.addFact(fact);
    };

    const onCreation = (node: ts.CallExpression | ts.NewExpression, resource: ResourceKnowledge): void => {
      const site = creationSite(node);
      const p = site.parent;
      if (ts.isVariableDeclaration(p) && p.initializer === site && ts.isIdentifier(p.name)) {
        if (ts.isVariableDeclarationList(p.parent) && (p.parent.flags & ts.NodeFlags.Using)) return; // using / await using
        if (isTopLevel(p)) return reportModuleLevel(node, p.name, resource, p.parent.parent as ts.Statement);
        return checkPerCall(node, p.name, p, resource);
      }
      if (ts.isBinaryExpression(p) && p.right === site && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        if (ts.isIdentifier(p.left)) {
          const decl = findDeclaration(p.left.text, p.left);
          if (!decl) return;
          if (isTopLevel(decl)) return reportModuleLevel(node, p.left, resource, undefined);
          return checkPerCall(node, p.left, decl, resource);
        }
        const member = accessedMemberName(p.left);
        if (member) reportMember(node, member, p.left.getText(ctx.sourceFile), resource);
        return;
      }
      if ((ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) && p.initializer === site) {
        const member = p.name && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (member) reportMember(node, member, ts.isPropertyDeclaration(p) ? `this.${member}` : ownerName(p, member), resource);
        return;
      }
      if (ts.isExportAssignment(p)) {
        const name = 'default export';
        const data = { noun: NOUN[resource.kind], name, release: resource.releaseIsFunction ? releaseCallText('…', resource) : `${resource.release[0]}()`, atShutdown: AT_SHUTDOWN[resource.kind], registration: registrationText('<import>', resource) };
        ctx.report({ node, messageId: 'neverReleased', data, unlessAny: [{ kind: 'released', ref: { file: ctx.file, name: 'default' } }] });
        return;
      }
      if (ts.isExpressionStatement(p) && resource.releaseIsFunction) reportDiscardedInterval(node, p);
    };

    const reportModuleLevel = (node: ts.Node, name: ts.Identifier, resource: ResourceKnowledge, statement: ts.Statement | undefined): void => {
      const ref = ctx.factRef(name);
      if (!ref) return;
      const registration = registrationText(name.text, resource);
      const fix = statement && ts.isSourceFile(statement.parent) ? registerOnShutdown(statement, registration) : undefined;
      const fixes: Fix[] = fix ? [fix] : [];
      ctx.report({
        node,
        messageId: 'neverReleased',
        data: { noun: NOUN[resource.kind], name: name.text, release: releaseCallText(name.text, resource), atShutdown: AT_SHUTDOWN[resource.kind], registration },
        fixes,
        // `deps.pool.end()` may release this binding; `this.pool.end()` is some class's own pool.
        unlessAny: [{ kind: 'released', ref }, { kind: 'released-external-member', ref: name.text }],
      });
    };

    /** A resource on a long-lived object: `this.pool`, `app.locals.pool`, `deps.pool`. */
    const reportMember = (node: ts.Node, member: string, name: string, resource: ResourceKnowledge): void => {
      ctx.report({
        node,
        messageId: 'neverReleased',
        data: { noun: NOUN[resource.kind], name, release: releaseCallText(name, resource), atShutdown: AT_SHUTDOWN[resource.kind], registration: registrationText(name, resource) },
        unlessAny: [{ kind: 'released-member', ref: member }],
      });
    };

    /** Made inside a function: must escape, or be released on every path. */
    const checkPerCall = (node: ts.Expression, name: ts.Identifier, decl: ts.Node, resource: ResourceKnowledge): void => {
      const fn = enclosingFunctionBody(node);
      if (!fn?.body) return;
      const forms: ReleaseForms = resource.releaseIsFunction
        ? { methods: new Set(DETACH_METHODS), takers: new Set(resource.release) }
        : { methods: new Set([...resource.release, ...DETACH_METHODS]), takers: new Set() };
      const uses = resourceUses(fn.body, name.text, decl, forms);
      if (uses.escapes || uses.onShutdown) return;
      if (uses.storedOn.length) {
        // Kept on an object that outlives the call: released through that member, project-wide.
        if (!uses.releases.length) for (const s of uses.storedOn) reportMember(node, s.member, s.text, resource);
        return;
      }
      const service = SERVICE_LIFETIME_KINDS.has(resource.kind);
      // A server or a timer lives on after the call: any release counts. Otherwise a release in
      // `finally`, or in a callback (event- and callback-style code we cannot follow), counts.
      if (service ? uses.releases.length > 0 : uses.releases.some((r) => r.inFinally || r.deferred)) return;
      const release = releaseCallText(name.text, resource);
      const awaited = resource.releaseAwaitable && isAsync(fn) ? `await ${release}` : release;
      const problem = uses.releases.length ? `is released only on the success path: an exception skips \`${release}\`` : 'is never released';
      const advice = service
        ? `Release it when it is done (\`${release}\`), or register it for shutdown: \`${registrationText(name.text, resource)}\`.`
        : `Release it in \`finally\` (\`try { … } finally { ${awaited} }\`) or declare it with \`await using\`.`;
      const fixes: Fix[] = [];
      const suggestions: Fix[] = [];
      // Only a declaration that makes the resource can start the `try`: `let x; … x = new …` cannot.
      const statement = ts.isVariableDeclaration(decl) && decl.initializer === creationSite(node) ? declarationStatement(decl) : undefined;
      if (!service && statement) {
        const direct = uses.releases.map((r) => r.statement);
        const wrap = wrapInTryFinally(ctx, statement, direct, releaseStatementText(ctx, direct[0], awaited));
        // With a release already written, moving it into `finally` keeps the intent: safe. A new
        // release changes what the success path does (the resource may be meant to live on).
        if (wrap) (direct.length ? fixes : suggestions).push({ title: `Release \`${name.text}\` in \`finally\``, safety: direct.length ? 'safe' : 'unsafe', edits: [wrap] });
      } else if (service && statement && ts.isBlock(statement.parent)) {
        const register = registerOnShutdown(statement, registrationText(name.text, resource));
        if (register) suggestions.push(register);
      }
      ctx.report({
        node,
        messageId: 'perCall',
        data: { noun: NOUN[resource.kind], name: name.text, fn: functionName(fn), problem, advice },
        severity: 'error',
        fixes,
        suggestions,
      });
    };

    const onCheckout = (call: ts.CallExpression, receiver: ts.Expression, method: string): void => {
      const site = creationSite(call);
      const p = site.parent;
      if (!ts.isVariableDeclaration(p) || p.initializer !== site || !ts.isIdentifier(p.name)) return;
      if (ts.isVariableDeclarationList(p.parent) && (p.parent.flags & ts.NodeFlags.Using)) return;
      const fn = enclosingFunctionBody(call);
      if (!fn?.body) return;
      const pool = knowledge.checkoutPool(method);
      const releases = pool?.checkoutRelease ?? [];
      const forms: ReleaseForms = pool?.checkoutReleasedByPool
        ? { methods: new Set(), takers: new Set(releases) }
        : { methods: new Set(releases), takers: new Set() };
      const uses = resourceUses(fn.body, p.name.text, p, forms);
      // Only a pool hands out checkouts: a receiver named like one, made as one, or a release seen.
      if (!looksLikePool(ctx, receiver, method) && !uses.releases.length) return;
      if (uses.escapes || uses.releases.some((r) => r.inFinally || r.deferred)) return;
      const release = pool?.checkoutReleasedByPool
        ? `${receiver.getText(ctx.sourceFile)}.${releases[0]}(${p.name.text})`
        : `${p.name.text}.${releases[0] ?? 'release'}()`;
      const problem = uses.releases.length ? `is released only on the success path: an exception skips \`${release}\`` : 'is never released';
      const statement = declarationStatement(p);
      const direct = uses.releases.map((r) => r.statement);
      const wrap = statement && wrapInTryFinally(ctx, statement, direct, releaseStatementText(ctx, direct[0], release));
      ctx.report({
        node: call,
        messageId: 'checkout',
        data: { name: p.name.text, method, problem, release: release + semi(codeStyle(ctx.sourceFile)) },
        severity: 'error',
        // A checkout that does not escape is always meant to go back to its pool: safe.
        fixes: wrap ? [{ title: `Release \`${p.name.text}\` in \`finally\``, safety: 'safe', edits: [wrap] }] : [],
      });
    };

    const reportDiscardedInterval = (node: ts.CallExpression | ts.NewExpression, statement: ts.ExpressionStatement): void => {
      const fn = enclosingFunctionBody(node);
      const scope = scopeOfStatement(statement);
      const handle = handleName(node, statement, scope);
      const text = ctx.text.slice(node.getStart(ctx.sourceFile), node.end);
      const style = codeStyle(ctx.sourceFile);
      const keep = ctx.edit({ start: node.getStart(ctx.sourceFile), end: statement.end }, `const ${handle} = ${text}${semi(style)}`);
      const register = registerOnShutdown(statement, `onShutdown(() => clearInterval(${handle}))`, [keep], [declared(ctx, handle, scope)]);
      const fix = register && { ...register, title: 'Keep the interval handle and clear it on shutdown' };
      ctx.report({
        node,
        messageId: 'discardedInterval',
        data: { repeat: fn ? `, and each call of \`${functionName(fn)}\` starts one more` : '' },
        severity: fn ? 'error' : 'warn',
        fixes: fn || !fix ? [] : [fix],
        suggestions: fn && fix ? [fix] : [],
      });
    };

    /** `onShutdown(() => …)` on the line after `statement`, importing the shim; undefined where the shim cannot be imported. */
    const registerOnShutdown = (statement: ts.Statement, registration: string, extra: TextEdit[] = [], declares: FixDeclaration[] = []): Fix | undefined => {
      const style = codeStyle(ctx.sourceFile);
      const indent = ctx.text.slice(ctx.text.lastIndexOf('\n', statement.getStart(ctx.sourceFile) - 1) + 1, statement.getStart(ctx.sourceFile));
      // After a trailing `// comment` on the statement's line, so the comment stays with it.
      const lineRest = /^[^\S\r\n]*(\/\/[^\r\n]*)?/.exec(ctx.text.slice(statement.end))![0];
      const at = statement.end + lineRest.length;
      const r = importFromRuntime(ctx, ['onShutdown']);
      if (!r) return undefined;
      // Written with the name the shim's onShutdown is imported under (another one where the file uses `onShutdown`).
      const call = registration.replace(/^onShutdown\b/, r.names.onShutdown);
      return {
        title: `Release on shutdown: \`${call}\``,
        safety: 'safe',
        edits: [...extra, ctx.edit({ start: at, end: at }, `${style.eol}${/^\s*$/.test(indent) ? indent : ''}${call}${semi(style)}`), ...r.edits],
        creates: r.creates,
        declares: [...declares, ...r.declares],
      };
    };

    return {
      [ts.SyntaxKind.PropertyAccessExpression](node: ts.PropertyAccessExpression) {
        const m = node.name.text;
        if (releaseNames.has(m) || DETACH_METHODS.includes(m)) noteRelease(node.expression);
      },
      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        const callee = node.expression;
        if (ts.isIdentifier(callee) && releaseNames.has(callee.text) && node.arguments[0]) noteRelease(node.arguments[0]);
        if (isShutdownRegistration(node)) noteShutdownHandler(ctx, node);
        if (ts.isPropertyAccessExpression(callee) && checkoutMethods.has(callee.name.text)) onCheckout(node, callee.expression, callee.name.text);
        creation(node);
      },
      [ts.SyntaxKind.NewExpression]: (node: ts.NewExpression) => creation(node),
    };

    function creation(node: ts.CallExpression | ts.NewExpression): void {
      const callee = libraryCallee(ctx, node.expression);
      if (!callee) return;
      const entry = knowledge.lookupAll(callee.module, callee.call, ts.isNewExpression(node)).find((e) => e.resource);
      if (entry?.resource) onCreation(node, entry.resource);
    }
  },
});

export default rule;

/** The facts a release of `target` records: by binding, by member name, by module export. */
function releaseFacts(ctx: RuleContext, released: ts.Expression): RuleFact<FactKind>[] {
  const target = skipOuter(released, Outer.Parens | Outer.NonNull | Outer.As);
  if (ts.isIdentifier(target)) {
    const ref = ctx.factRef(target);
    return ref ? [{ kind: 'released', ref }] : [];
  }
  const member = accessedMemberName(target);
  if (!member) return [];
  const facts: RuleFact<FactKind>[] = [{ kind: 'released-member', ref: member }];
  const receiver = (target as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) facts.push({ kind: 'released-external-member', ref: member });
  // `db.pool.end()` with `import * as db from './db'` releases db.ts's `pool`.
  const from = ctx.resolveCallee(target);
  if (from && !from.library && from.call && !from.call.includes('.')) facts.push({ kind: 'released', ref: { file: from.module, name: from.call } });
  return facts;
}

/** Every binding and member a shutdown handler touches counts as released by it. */
function noteShutdownHandler(ctx: RuleContext<unknown, string, FactKind>, call: ts.CallExpression): void {
  const handler = call.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (!handler) {
    // `onShutdown(pool.end.bind(pool))`, `process.on('SIGTERM', server.close)`: the release is written there.
    return;
  }
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      for (const f of releaseFacts(ctx, n)) ctx.addFact(f);
    } else if (ts.isPropertyAccessExpression(n) && !ts.isCallExpression(n.parent)) {
      for (const f of releaseFacts(ctx, n)) ctx.addFact(f);
    } else if (ts.isCallExpression(n)) {
      for (const a of n.arguments) if (ts.isPropertyAccessExpression(a)) for (const f of releaseFacts(ctx, a)) ctx.addFact(f);
    }
    ts.forEachChild(n, visit);
  };
  visit(handler);
}

/** `this.pool`, `this.#pool`, `app.locals.pool`: the member name. */
function accessedMemberName(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** `db.pool` for `const db = { pool: new Pool() }`; the bare member name when the object is not named. */
function ownerName(p: ts.PropertyAssignment, member: string): string {
  const owner = p.parent.parent;
  return ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name) ? `${owner.name.text}.${member}` : member;
}

/** The expression whose parent says where the result goes: past `await`, parentheses and `as`. */
function creationSite(node: ts.Expression): ts.Expression {
  let e: ts.Expression = node;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) ||
    ts.isNonNullExpression(e.parent) || ts.isSatisfiesExpression(e.parent)) e = e.parent;
  return e;
}

function functionName(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isCallExpression(p)) {
    const route = p.arguments[0];
    const callee = p.expression.getText();
    return route && ts.isStringLiteralLike(route) ? `${callee}('${route.text}', …)` : `the callback of ${callee}()`;
  }
  return 'this function';
}

function declarationStatement(decl: ts.Node): ts.Statement | undefined {
  if (!ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent) || decl.parent.declarations.length !== 1) return undefined;
  const stmt = decl.parent.parent;
  return ts.isVariableStatement(stmt) ? stmt : undefined;
}

/** The release to put in `finally`: the one already written, moved, or a new one. */
function releaseStatementText(ctx: RuleContext, existing: ts.Statement | undefined, release: string): string {
  if (existing && ts.isExpressionStatement(existing)) return existing.getText(ctx.sourceFile);
  return release + semi(codeStyle(ctx.sourceFile));
}

/** `pool.end()`, `clearInterval(timer)`. */
function releaseCallText(name: string, resource: ResourceKnowledge): string {
  return resource.releaseIsFunction ? `${resource.release[0]}(${name})` : `${name}.${resource.release[0]}()`;
}

function registrationText(name: string, resource: ResourceKnowledge): string {
  return `onShutdown(() => ${releaseCallText(name, resource)})`;
}

/** A pool: named like one, or a binding made by a library call that checks out with `method`. */
function looksLikePool(ctx: RuleContext, receiver: ts.Expression, method: string): boolean {
  const name = ts.isIdentifier(receiver) ? receiver.text : accessedMemberName(receiver);
  if (name && /pool/i.test(name)) return true;
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const made = creationCall(decl.initializer);
  const callee = made && ctx.resolveCallee(made.expression);
  const entry = callee?.library ? ctx.knowledge.lookup(callee.module, callee.call, ts.isNewExpression(made!)) : undefined;
  return entry?.resource?.checkout?.includes(method) ?? false;
}

function creationCall(e: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isCallExpression(e) || ts.isNewExpression(e) ? e : undefined;
}

/** A fresh name for a kept interval handle: `flushMetricsInterval` for `setInterval(flushMetrics, …)`, else `interval`. */
function handleName(node: ts.CallExpression | ts.NewExpression, at: ts.Node, scope: ts.Node): string {
  const first = node.arguments?.[0];
  return freshName([first && ts.isIdentifier(first) ? `${first.text}Interval` : 'interval'], scope, at);
}

/** The function whose body holds `node` (not a type signature); a class static block ends the search. */
function enclosingFunctionBody(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  return enclosingFunction(node, ts.isClassStaticBlockDeclaration) as ts.FunctionLikeDeclaration | undefined;
}
