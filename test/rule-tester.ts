// Rule tests as data, in the manner of ESLint's RuleTester: `valid` cases must report nothing,
// `invalid` cases must report exactly the listed diagnostics and, for fixes, produce exactly
// `output` under --fix (safe fixes) and `unsafeOutput` under --fix --unsafe, each of which must
// then lint clean of the rule's fixable findings, not change on a second pass, and type-check if
// the input did. Every fix must be of a class the rule's meta declares. A
// diagnostic is named by its messageId and data (as typescript-eslint's tester does), so a
// message can be reworded without touching its tests; a few cases pin the whole text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, chosenFix, type FixMode } from '../engine/apply-fixes';
import { lintProject } from '../engine/lint-project';
import type { Fix, LintMessage, Rule, Severity } from '../engine/types';
import { allRules } from '../rules';
import { typecheckErrors } from './typecheck';

export interface TestCase {
  name?: string;
  code: string;
  /** Path of the file under test inside the temporary project (default `src/test-case.ts`). */
  filename?: string;
  /** Rule options, as in config `rules: { id: [severity, options] }`. */
  options?: Record<string, unknown>;
  /** Extra top-level config keys (`runtime`, `libraries`, `timeouts`). */
  config?: Record<string, unknown>;
  /** Other files of the project, by relative path (cross-file facts, package.json, Dockerfile). */
  files?: Record<string, string>;
}

export interface ExpectedError {
  messageId?: string;
  /** The values filled into the message's placeholders; compared whole when given. */
  data?: Record<string, string | number>;
  /** The whole text: for the few cases that pin a message's wording. */
  message?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Editor-only suggestions: their titles and each one's resulting text of the file. */
  suggestions?: { title: string; output: string }[];
  /** The finding's fixes, each applied alone: their titles and the file each one makes (checked when given). */
  fixes?: { title: string; output: string }[];
}

export interface InvalidCase extends TestCase {
  errors: ExpectedError[];
  /** The file after --fix (safe fixes only); omit (or null) when the rule offers no safe fix here. */
  output?: string | null;
  /**
   * The file after --fix --unsafe; required when a finding has an unsafe fix. Omitted, --fix
   * --unsafe must give what --fix gives.
   */
  unsafeOutput?: string | null;
  /** Text of files the fix creates (the shim), by relative path; checked when given. */
  createdFiles?: string[];
  /** Type-check input and output with TypeScript and @types/node (default true for .ts files). */
  typecheck?: boolean;
}

export function runRuleTests(rule: Rule<any>, cases: { valid: (TestCase | string)[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [i, raw] of cases.valid.entries()) {
        const c = typeof raw === 'string' ? { code: raw } : raw;
        it(c.name ?? `valid #${i + 1}: ${firstLine(c.code)}`, async () => {
          const { messages } = await lintCase(rule, c);
          assert.deepEqual(messages.map(describeMessage), [], 'expected no diagnostics');
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of cases.invalid.entries()) {
        it(c.name ?? `invalid #${i + 1}: ${firstLine(c.code)}`, async () => {
          const { messages, dir, file } = await lintCase(rule, c);
          assert.equal(messages.filter((m) => m.fatal).length, 0, `fatal: ${messages.map((m) => m.message).join('; ')}`);
          const actual = messages.map((m, k) => pick(m, c.errors[k] ?? { line: 0, column: 0 }));
          const expected = c.errors.map(({ suggestions: _s, fixes: _f, ...e }) => e);
          assert.deepEqual(actual, expected);
          for (const m of messages) checkDeclaredClasses(rule, m);
          const unsafe = messages.some((m) => m.finding?.fixes?.some((f) => f.safety === 'unsafe'));
          assert.ok(!unsafe || c.unsafeOutput !== undefined, 'a finding has an unsafe fix: give the case an unsafeOutput');
          for (const [k, e] of c.errors.entries()) {
            if (e.suggestions) {
              const got = (messages[k].finding?.suggestions ?? []).map((s) => ({ title: s.title, output: applyOwn(s, file, c.code) }));
              assert.deepEqual(got, e.suggestions);
            }
            if (e.fixes) {
              const got = (messages[k].finding?.fixes ?? []).map((s) => ({ title: s.title, output: applyOwn(s, file, c.code) }));
              assert.deepEqual(got, e.fixes);
            }
          }
          await checkFix(rule, c, dir, file, 'safe', c.output);
          if (unsafe || (c.unsafeOutput !== undefined && c.unsafeOutput !== c.output)) {
            const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-unsafe-'));
            const copyFile = writeProject(copy, c, { [rule.meta.id]: c.options ? ['warn', c.options] : undefined });
            await checkFix(rule, c, copy, copyFile, 'unsafe', c.unsafeOutput === undefined ? c.output : c.unsafeOutput);
          }
        });
      }
    });
  });
}

async function checkFix(rule: Rule<any>, c: InvalidCase, dir: string, file: string, mode: FixMode, output: string | null | undefined): Promise<void> {
  const flags = mode === 'unsafe' ? '--fix --unsafe' : '--fix';
  const fix = { write: true, unsafe: mode === 'unsafe' };
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRulesWith(rule), only: [rule.meta.id], fix });
  const fixed = fs.readFileSync(file, 'utf8');
  if (output === undefined || output === null) {
    assert.equal(fixed, c.code, `expected no fix under ${flags}`);
    return;
  }
  assert.equal(fixed, output, `the file after ${flags}`);
  for (const rel of c.createdFiles ?? []) assert.ok(fs.existsSync(path.join(dir, rel)), `expected the fix to create ${rel}`);
  // The fix clears the diagnostic it was for: the fixed project lints clean of this rule's fixable findings.
  const after = await lintProject({ cwd: dir, paths: ['.'], rules: allRulesWith(rule), only: [rule.meta.id] });
  const left = after.reports.find((r) => r.file === file)?.messages ?? [];
  assert.deepEqual(left.filter((m) => m.fatal).map((m) => m.message), [], `the file does not parse after ${flags}`);
  assert.deepEqual(left.filter((m) => m.finding && chosenFix(m.finding, mode)).map(describeMessage), [], `fixable diagnostics remain after ${flags}`);
  // Idempotent: a second pass changes nothing more.
  await lintProject({ cwd: dir, paths: ['.'], rules: allRulesWith(rule), only: [rule.meta.id], fix });
  assert.equal(fs.readFileSync(file, 'utf8'), output, `a second ${flags} changed the file again`);
  if (c.typecheck ?? /\.(ts|tsx|mts|cts)$/.test(file)) {
    const before = typecheckErrors(writeTemp(c), c.files);
    if (before.length === 0) {
      assert.deepEqual(typecheckErrors(dir), [], 'the fixed code does not type-check');
    }
  }
  void run;
}

/** A rule emits only the classes of fix its meta declares, so docs and --list-rules cannot lie. */
function checkDeclaredClasses(rule: Rule<any>, m: LintMessage): void {
  const declared = rule.meta.fixable;
  for (const f of m.finding?.fixes ?? []) {
    assert.ok(declared[f.safety] !== undefined, `${rule.meta.id} reports a ${f.safety} fix ("${f.title}") but its meta.fixable declares no ${f.safety} fixes`);
  }
  if (m.finding?.suggestions?.length) {
    assert.ok(declared.suggestion !== undefined, `${rule.meta.id} reports a suggestion but its meta.fixable declares none`);
  }
}

function writeTemp(c: TestCase): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-input-'));
  writeProject(dir, c, {});
  return dir;
}

function allRulesWith(rule: Rule<any>): Map<string, Rule<any>> {
  const m = new Map(allRules);
  m.set(rule.meta.id, rule);
  return m;
}

export async function lintCase(rule: Rule<any>, c: TestCase): Promise<{ messages: LintMessage[]; dir: string; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-rule-'));
  const file = writeProject(dir, c, { [rule.meta.id]: c.options ? ['warn', c.options] : undefined });
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRulesWith(rule), only: [rule.meta.id] });
  const messages = run.reports.find((r) => r.file === file)?.messages ?? [];
  return { messages, dir, file };
}

function writeProject(dir: string, c: TestCase, ruleOptions: Record<string, unknown>): string {
  const file = path.join(dir, c.filename ?? 'src/test-case.ts');
  const write = (p: string, text: string) => {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  write(file, c.code);
  for (const [rel, text] of Object.entries(c.files ?? {})) write(path.join(dir, rel), text);
  const rules = Object.fromEntries(Object.entries(ruleOptions).filter(([, v]) => v !== undefined));
  // Options are written as ['warn', options], which (as for users) makes every finding of the
  // rule a warning; cases asserting per-finding severities leave options out.
  const config: Record<string, unknown> = { root: true, ...(c.config ?? {}) };
  if (Object.keys(rules).length) config.rules = rules;
  if (!c.files?.['stability-lint.config.json']) write(path.join(dir, 'stability-lint.config.json'), JSON.stringify(config));
  return file;
}

/** The actual diagnostic, with the fields the expected one names. */
function pick(m: LintMessage, e: ExpectedError): ExpectedError {
  const out: ExpectedError = { line: m.line, column: m.column };
  if (e.messageId !== undefined) out.messageId = m.finding?.messageId ?? `(no messageId: ${m.message})`;
  if (e.data !== undefined) out.data = m.finding?.data;
  if (e.message !== undefined) out.message = m.message;
  if (e.endLine !== undefined) out.endLine = m.endLine;
  if (e.endColumn !== undefined) out.endColumn = m.endColumn;
  if (e.severity !== undefined) out.severity = m.severity;
  return out;
}

function applyOwn(fix: Fix, file: string, text: string): string {
  return applyEdits(text, fix.edits.filter((e) => e.file === file));
}

function describeMessage(m: LintMessage): string {
  return `${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`;
}

function firstLine(code: string): string {
  return code.trim().split('\n')[0].slice(0, 60);
}
