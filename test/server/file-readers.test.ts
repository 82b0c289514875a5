// The live project knows which files' results read which paths (through the rule context), so
// the server re-lints them when such a path is created, deleted or changed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { WorkspaceProject } from '../../server/workspace-project';
import { tempProject } from '../temp-project';

const nodemonRule = createRule<Record<string, never>, 'seen', never>({
  meta: {
    id: 'nodemon', description: 'says whether nodemon.json is beside the file', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { seen: 'nodemon.json {{exists}}' }, options: {},
  },
  create: (ctx) => ({
    [ts.SyntaxKind.SourceFile]() {
      ctx.report({ range: { start: 0, end: 1 }, messageId: 'seen', data: { exists: String(ctx.fileExists('nodemon.json')) } });
    },
  }),
});

it('records the readers of a path, and a forgotten path is read again', () => {
  const dir = tempProject({ 'package.json': '{}', 'a.ts': 'x();\n', 'sub/b.ts': 'y();\n' });
  const project = new WorkspaceProject(dir, { rules: new Map([['nodemon', nodemonRule]]), settings: DEFAULT_SETTINGS, importShim: false });
  const a = path.join(dir, 'a.ts');
  const b = path.join(dir, 'sub/b.ts');
  const message = (file: string) => project.lint(file).result.findings.map((f) => f.message);
  assert.deepEqual(message(a), ['nodemon.json false']);
  assert.deepEqual(message(b), ['nodemon.json false']);
  const nodemon = path.join(dir, 'nodemon.json');
  assert.deepEqual(project.readersOf(nodemon), [a]);
  assert.deepEqual(project.readersOf(path.join(dir, 'package.json')).sort(), [a, b].sort(), 'both looked for their package folder');
  fs.writeFileSync(nodemon, '{}');
  assert.deepEqual(message(a), ['nodemon.json false'], 'answers are cached until the path is forgotten');
  project.forgetPath(nodemon);
  assert.deepEqual(message(a), ['nodemon.json true']);
  project.remove(a);
  assert.deepEqual(project.readersOf(nodemon), []);
});
