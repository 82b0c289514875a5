// Rules ask the file system through the context; each answer is recorded with the file's result,
// so --cache reuses a result only while every answer still holds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { lintProject } from '../../engine/lint-project';
import type { Rule } from '../../engine/types';
import { tempProject } from './helpers';

/** Reports, on the first statement, what it learnt from the disk: package folder and name, a nodemon.json beside the file. */
const diskRule = createRule<Record<string, never>, 'seen', never>({
  meta: {
    id: 'disk', description: 'reports file-system facts', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { seen: '{{what}}' }, options: {},
  },
  create(ctx) {
    return {
      [ts.SyntaxKind.SourceFile](sf: ts.SourceFile) {
        const dir = ctx.packageDir;
        const name = dir ? ctx.packageJson(dir)?.name : undefined;
        const what = `package ${dir ? path.basename(dir) : 'none'} name ${String(name)} nodemon ${ctx.fileExists('nodemon.json')}`;
        ctx.report({ range: { start: 0, end: Math.min(1, sf.end) }, messageId: 'seen', data: { what } });
      },
    };
  },
});

function rulesCounting(linted: string[]): ReadonlyMap<string, Rule<any>> {
  return new Map([['disk', { meta: diskRule.meta, create: (ctx) => (linted.push(path.basename(ctx.file)), diskRule.create(ctx)) } as Rule<any>]]);
}

async function run(dir: string, cache = true) {
  const linted: string[] = [];
  const r = await lintProject({ cwd: dir, paths: ['.'], rules: rulesCounting(linted), cache: cache ? { location: '.cache-file', toolVersion: '1' } : undefined });
  const messages = Object.fromEntries(r.reports.map((x) => [path.relative(dir, x.file), x.messages.map((m) => m.message)]));
  return { messages, linted: linted.sort() };
}

describe('file-system facts through the rule context', () => {
  it('answers package folder, package.json content and file existence', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'pkg/package.json': '{ "name": "svc" }', 'pkg/src/a.ts': 'x();\n', 'b.ts': 'y();\n' });
    const { messages } = await run(dir, false);
    assert.deepEqual(messages['pkg/src/a.ts'], ['package pkg name svc nodemon false']);
  });

  it('a package.json that is not an object, or is huge, reads as no package data', async () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true }',
      'a/package.json': '[1, 2, 3]', 'a/x.ts': 'x();\n',
      'b/package.json': `{ "name": "big", "pad": "${'x'.repeat(5 * 1024 * 1024)}" }`, 'b/x.ts': 'x();\n',
      'c/package.json': '"just a string"', 'c/x.ts': 'x();\n',
    });
    const { messages } = await run(dir, false);
    assert.deepEqual(messages['a/x.ts'], ['package a name undefined nodemon false']);
    assert.deepEqual(messages['b/x.ts'], ['package b name undefined nodemon false']);
    assert.deepEqual(messages['c/x.ts'], ['package c name undefined nodemon false']);
  });
});

describe('--cache and file-system facts', () => {
  const files = () => tempProject({ 'stability-lint.config.json': '{ "root": true }', 'pkg/package.json': '{ "name": "svc" }', 'pkg/a.ts': 'x();\n', 'pkg/b.ts': 'y();\n' });

  it('a file created beside a file that looked for it re-lints that file, as an uncached run would', async () => {
    const dir = files();
    assert.deepEqual((await run(dir)).linted, ['a.ts', 'b.ts']);
    assert.deepEqual((await run(dir)).linted, []);
    fs.writeFileSync(path.join(dir, 'pkg/nodemon.json'), '{}');
    const after = await run(dir);
    assert.deepEqual(after.linted, ['a.ts', 'b.ts']);
    assert.deepEqual(after.messages['pkg/a.ts'], ['package pkg name svc nodemon true']);
    assert.deepEqual(after.messages, (await run(dir, false)).messages);
    fs.rmSync(path.join(dir, 'pkg/nodemon.json'));
    assert.deepEqual((await run(dir)).messages['pkg/a.ts'], ['package pkg name svc nodemon false']);
  });

  it('a package.json whose content changed re-lints the files that read it', async () => {
    const dir = files();
    await run(dir);
    fs.writeFileSync(path.join(dir, 'pkg/package.json'), '{ "name": "renamed" }');
    const after = await run(dir);
    assert.deepEqual(after.linted, ['a.ts', 'b.ts']);
    assert.deepEqual(after.messages['pkg/a.ts'], ['package pkg name renamed nodemon false']);
  });

  it('a package.json appearing nearer the file changes its package folder', async () => {
    const dir = files();
    fs.mkdirSync(path.join(dir, 'pkg/sub'));
    fs.writeFileSync(path.join(dir, 'pkg/sub/c.ts'), 'z();\n');
    await run(dir);
    fs.writeFileSync(path.join(dir, 'pkg/sub/package.json'), '{ "name": "inner" }');
    const after = await run(dir);
    assert.deepEqual(after.linted, ['c.ts']);
    assert.deepEqual(after.messages['pkg/sub/c.ts'], ['package sub name inner nodemon false']);
  });
});
