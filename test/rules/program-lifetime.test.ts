// Which files are short-lived programs, whose process-lifetime harms do not apply.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import { isShortLivedProgram } from '../../rules/shared/program-lifetime';

const shortLived = (code: string, name = 'cli.js') =>
  isShortLivedProgram(ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));

describe('isShortLivedProgram', () => {
  it('a script whose top-level flow exits', () => {
    assert.equal(shortLived(`const m = new Map();\nrun();\nprocess.exit(0);\n`), true);
    assert.equal(shortLived(`async function main() { await work(); }\nmain().then(() => process.exit(0));\n`), true);
    assert.equal(shortLived(`main().finally(function () { process.exit(); });\n`), true);
    assert.equal(shortLived(`async function main() {\n  await work();\n  process.exit(0);\n}\nmain();\n`), true);
    assert.equal(shortLived(`const main = async () => {\n  await work();\n  process.exit(0);\n};\nvoid main();\n`), true);
  });

  it('a command-line or terminal program that ends itself', () => {
    assert.equal(shortLived(`#!/usr/bin/env node\nif (!args.length) { usage(); process.exit(1); }\n`), true);
    assert.equal(shortLived(`const { program } = require('commander');\nprogram.command('ls').action(() => { list(); process.exit(0); });\n`), true);
    assert.equal(shortLived(`import blessed from 'blessed';\nscreen.key(['q'], () => process.exit(0));\n`), true);
  });

  it('a service that exits only when start-up fails is not short-lived', () => {
    assert.equal(shortLived(`main().catch((err) => { console.error(err); process.exit(1); });\n`), false);
    assert.equal(shortLived(`process.on('SIGTERM', () => { server.close(); process.exit(0); });\nserver.listen(3000);\n`), false);
    assert.equal(shortLived(`import express from 'express';\nexpress().listen(3000);\n`), false);
    assert.equal(shortLived(`#!/usr/bin/env node\nrequire('../lib/server').start();\n`), false);
  });
});
