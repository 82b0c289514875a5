// Extension-host suite: runs inside VS Code's real (Node) extension host with the installed
// .vsix as the extension under development, and talks to it only through VS Code's own API:
// languages.getDiagnostics, the vscode.executeCodeActionProvider command, workspace.applyEdit.
// The `run()` contract is test-electron's: resolve to pass, reject to fail. Inputs come from
// the server's environment (E2E_WORKSPACE, E2E_CASES, E2E_EXTENSION_PATH, E2E_RESULTS).
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'stability-lint.stability-lint';
const WAIT_MS = Number(process.env.E2E_WAIT_MS || 30_000);
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, probe) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await sleep(100);
  }
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);

/** This rule's diagnostics from stability-lint in the file. */
const findings = (uri, rule) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'stability-lint' && codeOf(d) === rule);

function lines(doc, first, count) {
  const out = [];
  for (let n = first; n < first + count && n <= doc.lineCount; n++) out.push(doc.lineAt(n - 1).text);
  return out;
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * `vscode.executeCodeActionProvider` for quick fixes, resolving edits. The workbench cancels
 * the whole request when any provider's call is cancelled (the built-in TypeScript provider's,
 * while its project loads): ask again, as the light bulb does, until the deadline.
 */
async function quickFixes(uri, range) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      return await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 50);
    } catch (e) {
      if (e?.name !== 'Canceled' || Date.now() > deadline) throw e;
      await sleep(200);
    }
  }
}

async function runCase(c, ws) {
  const uri = vscode.Uri.file(path.join(ws, c.file));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);

  const onLine = (line) => findings(uri, c.rule).filter((d) => d.range.start.line === line - 1);
  await waitFor(`a ${c.rule} diagnostic on line ${c.line} of ${c.file}`, () => onLine(c.line).length > 0);
  const list = onLine(c.line);
  check(list.length === 1, `expected one ${c.rule} diagnostic on line ${c.line}, got ${list.length}`);
  const d = list[0];
  check(d.range.start.character === c.column - 1, `diagnostic starts at column ${d.range.start.character + 1}, expected ${c.column}`);
  check(d.severity === SEVERITY[c.severity], `severity ${d.severity}, expected ${c.severity} (${SEVERITY[c.severity]})`);
  check(d.message.startsWith(c.message), `message ${JSON.stringify(d.message)} does not start with ${JSON.stringify(c.message)}`);
  check(typeof d.code === 'object' && /^https?:/.test(String(d.code.target)), `code ${JSON.stringify(d.code)} has no docs link`);
  const before = lines(doc, c.text.line, c.text.before.length);
  check(same(before, c.text.before), `lines ${c.text.line}+ before the fix are ${JSON.stringify(before)}, expected ${JSON.stringify(c.text.before)}`);

  // As the light bulb asks: quick fixes for the diagnostic's range, edits resolved. (The
  // command's results carry no `diagnostics`, so which diagnostic a fix belongs to is not
  // visible here; the UI suite sees it as the Problems entry's light bulb.)
  const actions = await quickFixes(uri, d.range);
  const ours = (actions ?? []).filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
  const titles = ours.map((a) => a.title);
  let action;
  if (c.preferred === false) {
    action = ours.find((a) => a.title === c.fixTitle);
    check(action, `no quickfix ${JSON.stringify(c.fixTitle)} among ${JSON.stringify(titles)}`);
    check(!action.isPreferred, `the suggestion ${JSON.stringify(c.fixTitle)} is marked preferred`);
  } else {
    action = ours.find((a) => a.isPreferred);
    check(action, `no preferred quickfix among ${JSON.stringify(titles)}`);
    check(action.title === c.fixTitle, `preferred quickfix is ${JSON.stringify(action.title)}, expected ${JSON.stringify(c.fixTitle)}`);
  }
  check(action.edit, `quickfix ${JSON.stringify(action.title)} has no edit`);
  check(await vscode.workspace.applyEdit(action.edit), `workspace.applyEdit refused the edit of ${JSON.stringify(action.title)}`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));

  const afterLine = c.text.afterLine ?? c.text.line;
  const after = lines(doc, afterLine, c.text.after.length);
  check(same(after, c.text.after), `lines ${afterLine}+ after the fix are ${JSON.stringify(after)}, expected ${JSON.stringify(c.text.after)}`);
  const findingLine = c.line + afterLine - c.text.line;
  await waitFor(`the ${c.rule} diagnostic on line ${findingLine} to clear after the fix`, () => onLine(findingLine).length === 0);
  await waitFor(`${c.others} other ${c.rule} diagnostics to stay in ${c.file}`, () => findings(uri, c.rule).length === c.others);
}

async function run() {
  const ws = process.env.E2E_WORKSPACE;
  const cases = JSON.parse(process.env.E2E_CASES);
  const record = (entry) => fs.appendFileSync(process.env.E2E_RESULTS, `${JSON.stringify(entry)}\n`);

  // The extension under test is the installed .vsix, and it activates in this workspace.
  let started = Date.now();
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    check(ext, `extension ${EXTENSION_ID} is not loaded`);
    check(path.resolve(ext.extensionPath) === path.resolve(process.env.E2E_EXTENSION_PATH),
      `extension loaded from ${ext.extensionPath}, expected the installed .vsix at ${process.env.E2E_EXTENSION_PATH}`);
    await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(ws, cases[0].file)));
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive);
    record({ name: 'extension host: installed .vsix activates', ok: true, error: null, ms: Date.now() - started });
  } catch (e) {
    record({ name: 'extension host: installed .vsix activates', ok: false, error: e.stack ?? String(e), ms: Date.now() - started });
    throw e;
  }

  let failed = 0;
  for (const c of cases) {
    started = Date.now();
    const name = `extension host: ${c.rule} diagnostic and quick fix in ${c.file} (getDiagnostics, executeCodeActionProvider)`;
    try {
      await runCase(c, ws);
      record({ name, ok: true, error: null, ms: Date.now() - started });
    } catch (e) {
      failed++;
      record({ name, ok: false, error: e.stack ?? String(e), ms: Date.now() - started });
    }
  }
  if (failed) throw new Error(`${failed} extension-host case(s) failed`);
}

module.exports = { run };
