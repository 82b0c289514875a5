// The prefilter (engine/prefilter.ts): what a script's text must hold for a rule to run in full,
// read conservatively, and what the engine runs where it does not hold. That findings stay the
// same on real code is test/engine/speed-ups.test.ts's and bench/compare-findings.mjs's job.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import { ConfigLoader } from '../../engine/config';
import { createRule } from '../../engine/create-rule';
import { Knowledge } from '../../engine/knowledge';
import { lintFile, LintSession } from '../../engine/lint-file';
import { TextPrefilter } from '../../engine/prefilter';
import type { RuleNeeds } from '../../engine/types';

const knowledge = new Knowledge();
const meets = (text: string, needs: RuleNeeds, k = knowledge) => new TextPrefilter(text, k).meets(needs);

describe('TextPrefilter', () => {
  it('meets any one entry, an entry of several words only when all are there', () => {
    const needs = { anyOf: [['async', 'await'], 'new'] };
    assert.equal(meets('async function f() { await g(); }', needs), true);
    assert.equal(meets('const x = new Map();', needs), true);
    assert.equal(meets('async function f() { return g(); }', needs), false);
    assert.equal(meets('function f() { return 1; }', needs), false);
  });

  it('meets every need in a text whose escapes can spell a word or a module otherwise', () => {
    assert.equal(meets('f\\u0065tch(url);', { anyOf: ['zzz'] }), true);
    assert.equal(meets("require('p\\x67');", { libraries: true }), true);
    assert.equal(meets("require('\\160g');", { libraries: true }), true);
  });

  it('finds a library by its module as a quoted specifier, with node: or a subpath, or by a global', () => {
    const needs = { libraries: true };
    assert.equal(meets("import pg from 'pg';", needs), true);
    assert.equal(meets('const http = require("node:http");', needs), true);
    assert.equal(meets("const { Pool } = require('pg/lib/index');", needs), true);
    assert.equal(meets('const m = await import(`axios`);', needs), true);
    assert.equal(meets('await fetch(url);', needs), true);
    // A family (`@aws-sdk/client-*`).
    assert.equal(meets("import { S3Client } from '@aws-sdk/client-s3';", needs), true);
    // The name alone, or another module that starts with it, is no mention.
    assert.equal(meets('const pg = 1; // pg', needs), false);
    assert.equal(meets("import x from 'pgx';", needs), false);
  });

  it('knows the libraries a config adds', () => {
    const extra = new Knowledge([{ module: 'in-house-rpc', call: 'call', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout'], fix: { option: 'timeout', value: 'ms' } } }]);
    assert.equal(meets("import rpc from 'in-house-rpc';", { libraries: true }), false);
    assert.equal(meets("import rpc from 'in-house-rpc';", { libraries: true }, extra), true);
  });
});

describe('a rule whose needs the text does not meet', () => {
  const rule = createRule<Record<string, never>, 'seen', 'mark'>({
    meta: {
      id: 'needs-probe', description: 'test probe', defaultSeverity: 'warn', fixable: {}, fileKinds: ['script'],
      messages: { seen: 'seen' }, options: {}, needs: { anyOf: ['zzz'] },
    },
    create(ctx) {
      return {
        [ts.SyntaxKind.SourceFile](sf: ts.SourceFile) {
          ctx.report({ node: sf.statements[0], messageId: 'seen' });
          ctx.addFact({ kind: 'mark', ref: 'full' });
        },
      };
    },
    facts(ctx) {
      return { end: () => ctx.addFact({ kind: 'mark', ref: 'facts only' }) };
    },
  });
  const rules = new Map([[rule.meta.id, rule]]);
  const file = path.resolve(__dirname, 'prefilter-probe.ts');
  const lint = (text: string) => {
    const result = lintFile(file, new ConfigLoader(rules).forFile(file), new LintSession(rules), { text });
    return { findings: result.findings.map((f) => f.messageId), facts: result.facts.map((f) => f.ref) };
  };

  it('runs in full where the text meets them', () => {
    assert.deepEqual(lint('const zzz = 1;\n'), { findings: ['seen'], facts: ['full'] });
  });

  it('runs only its facts visitor elsewhere (with STABILITY_LINT_WITHOUT=prefilter, in full everywhere)', () => {
    const expected = process.env.STABILITY_LINT_WITHOUT?.split(',').includes('prefilter')
      ? { findings: ['seen'], facts: ['full'] } : { findings: [], facts: ['facts only'] };
    assert.deepEqual(lint('const a = 1;\n'), expected);
  });
});
