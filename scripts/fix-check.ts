// `npm run fix-check`: issue 9's "Done when" on the ecosystem corpus and the bundled example.
// Each project is copied to a temporary folder; there `--fix` runs twice, then `--fix --unsafe`
// twice, and the figures say, per project and in total: files changed, parse errors, module
// systems, duplicate declarations and type errors added, timeouts/limiters/eviction a safe run
// added, fixable findings left, files a second run changed, packages with more than one shim.
// Each of those must be 0 (the script exits 1 otherwise), but for `type+?`: new type errors in
// files that did not type-check here before (the corpus is checked without its dependencies, so
// an Express handler's `req` is an implicit any), shown for a human to look at.
//
//   npm run fix-check -- [--corpus <dir>] [--project <name>…] [--no-example]
//
// The corpus defaults to SL_FIX_CORPUS, else ecosystem/.cache/projects (`npm run ecosystem` fills it).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixRuns, type FixRunFigures, type ModeFigures } from '../test/fuzz/fix-runs';
import { typecheckErrors } from '../test/typecheck';

const REPO = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const valueOf = (name: string): string[] => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const corpus = valueOf('--corpus')[0] ?? process.env.SL_FIX_CORPUS ?? path.join(REPO, 'ecosystem/.cache/projects');
const only = valueOf('--project');

interface Target {
  name: string;
  dir: string;
}

function targets(): Target[] {
  const out: Target[] = [];
  if (!args.includes('--no-example')) out.push({ name: 'examples/service', dir: path.join(REPO, 'examples/service') });
  if (fs.existsSync(corpus)) {
    for (const project of fs.readdirSync(corpus).sort()) {
      const dir = path.join(corpus, project, 'package');
      if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
      if (only.length && !only.some((o) => project.startsWith(o))) continue;
      out.push({ name: project, dir });
    }
  } else {
    console.error(`fix-check: no corpus at ${corpus} (run npm run ecosystem, or pass --corpus)`);
  }
  return out;
}

const COLUMNS: [keyof ModeFigures, string][] = [
  ['fixable', 'fixable'], ['changed', 'changed'], ['created', 'shim+'], ['parseErrorsAdded', 'parse+'], ['moduleSystemsChanged', 'module~'],
  ['duplicatesAdded', 'dup+'], ['typeErrorsAdded', 'type+'], ['typeErrorsAddedToFilesWithErrors', 'type+?'], ['boundsAdded', 'bound+'], ['leftFixable', 'left'], ['secondPass', '2nd'],
];

function row(name: string, mode: string, f: ModeFigures, shims: string): string {
  return [name.padEnd(34), mode.padEnd(7), ...COLUMNS.map(([k]) => String(f[k]).padStart(8)), shims.padStart(8)].join(' ');
}

async function main(): Promise<number> {
  const list = targets();
  const total: FixRunFigures = { safe: zero(), unsafe: zero(), packagesWithSeveralShims: 0, shims: 0 };
  const failures: string[] = [];
  console.log([''.padEnd(34), 'mode'.padEnd(7), ...COLUMNS.map(([, h]) => h.padStart(8)), 'shims'.padStart(8)].join(' '));
  for (const t of list) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-fixcheck-')));
    try {
      fs.cpSync(t.dir, dir, { recursive: true });
      const typed = hasTypeScript(dir);
      const { figures, failures: f } = await fixRuns(dir, typed ? { before: typecheckErrors(dir) } : undefined);
      for (const mode of ['safe', 'unsafe'] as const) {
        console.log(row(t.name, mode, figures[mode], mode === 'safe' ? `${figures.shims}${figures.packagesWithSeveralShims ? '!' : ''}` : ''));
        for (const [k] of COLUMNS) total[mode][k] += figures[mode][k];
      }
      total.shims += figures.shims;
      total.packagesWithSeveralShims += figures.packagesWithSeveralShims;
      failures.push(...f.map((x) => `${t.name}: ${x}`));
    } catch (e) {
      failures.push(`${t.name}: threw ${(e as Error).stack ?? e}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(row(`total (${list.length} projects)`, 'safe', total.safe, String(total.shims)));
  console.log(row('', 'unsafe', total.unsafe, ''));
  console.log(`packages with more than one shim: ${total.packagesWithSeveralShims}`);
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(failures.length ? `fix-check: ${failures.length} failures` : 'fix-check: every promise kept');
  return failures.length ? 1 : 0;
}

function zero(): ModeFigures {
  return { fixable: 0, changed: 0, created: 0, parseErrorsAdded: 0, moduleSystemsChanged: 0, duplicatesAdded: 0, typeErrorsAdded: 0, typeErrorsAddedToFilesWithErrors: 0, boundsAdded: 0, leftFixable: 0, secondPass: 0 };
}

function hasTypeScript(dir: string): boolean {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules') stack.push(path.join(d, e.name));
      else if (/\.(ts|mts|cts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) return true;
    }
  }
  return false;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
