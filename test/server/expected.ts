// The oracle for protocol tests: what the CLI's own runner reports for a workspace, turned into
// the LSP diagnostics the server must publish (1-based ESLint columns -> 0-based positions).
// Independent of the server's conversion code, so a wrong offset there fails the tests.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintProject } from '../../engine/lint-project';
import { allRules } from '../../rules';

const SEVERITY = { error: 1, warn: 2, info: 3 } as const;

export const SAMPLE_FILES: Record<string, string> = {
  'package.json': [
    '{',
    '  "name": "svc",',
    '  "scripts": {',
    '    "start": "tsx watch src/index.ts",',
    '    "worker": "nodemon src/loop.ts"',
    '  }',
    '}',
    '',
  ].join('\n'),
  Dockerfile: 'FROM node:20\nCMD ["npm", "run", "worker"]\n',
  'src/index.ts': [
    'export async function load(url: string) {',
    '  const res = await fetch(url);',
    '  return res.json();',
    '}',
    '',
  ].join('\n'),
  'src/two.ts': [
    'export async function both(a: string, b: string) {',
    '  const x = await fetch(a);',
    '  const y = await fetch(b);',
    '  return [x, y];',
    '}',
    '',
  ].join('\n'),
  'src/loop.ts': [
    'export async function poll(check: () => Promise<void>) {',
    '  while (true) {',
    '    await check();',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/clean.ts': 'export const answer = 42;\n',
};

/** Expected diagnostics per absolute file path, from the CLI runner over the same folder on disk. */
export async function expectedDiagnostics(root: string): Promise<Map<string, Diagnostic[]>> {
  const run = await lintProject({ cwd: root, paths: [root], rules: allRules, workers: 0 });
  const out = new Map<string, Diagnostic[]>();
  for (const r of run.reports) {
    if (!r.messages.length) continue;
    out.set(path.resolve(r.file), r.messages.map((m) => {
      const d: Diagnostic = {
        range: {
          start: { line: m.line - 1, character: m.column - 1 },
          end: { line: (m.endLine ?? m.line) - 1, character: (m.endColumn ?? m.column) - 1 },
        },
        severity: SEVERITY[m.severity],
        code: m.ruleId!,
        codeDescription: { href: `https://github.com/stability-lint/stability-lint/blob/main/docs/rules/${m.ruleId}.md` },
        source: 'stability-lint',
        message: m.message,
      };
      return d;
    }));
  }
  return out;
}
