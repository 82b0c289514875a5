// Configuration: found upward, merged from the outermost down, package.json key, and every
// kind of mistake reported with its file, line:column and a did-you-mean.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, ConfigLoader, DEFAULT_TIMEOUTS } from '../../engine/config';
import { probeRules, tempProject } from './helpers';

function loaderError(files: Record<string, string>, file = 'src/a.ts'): ConfigError {
  const dir = tempProject(files);
  try {
    new ConfigLoader(probeRules).forFile(path.join(dir, file));
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return Object.assign(e, { message: e.message.replace(dir + path.sep, '') });
  }
  assert.fail('expected a ConfigError');
}

describe('config discovery and merging', () => {
  it('merges configs from the outermost down; a nested file overrides; options merge', () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true, "rules": { "probe": ["error", { "modules": ["pg"] }] }, "timeouts": { "http": 3000 } }',
      'pkg/stability-lint.config.json': '// JSONC is fine\n{ "rules": { "probe": "info", }, "runtime": { "import": "@acme/runtime" } }',
    });
    const loader = new ConfigLoader(probeRules);
    const outer = loader.forFile(path.join(dir, 'a.ts'));
    const inner = loader.forFile(path.join(dir, 'pkg/src/a.ts'));
    assert.deepEqual(outer.rules.probe, { severity: 'error', explicit: true, options: { modules: ['pg'] } });
    assert.deepEqual(inner.rules.probe, { severity: 'info', explicit: true, options: { modules: ['pg'] } });
    assert.equal(inner.timeouts.http, 3000);
    assert.equal(inner.timeouts.dbConnect, DEFAULT_TIMEOUTS.dbConnect);
    assert.equal(inner.runtime.import, '@acme/runtime');
    assert.equal(outer.runtime.import, undefined);
    assert.deepEqual(inner.sources, [path.join(dir, 'stability-lint.config.json'), path.join(dir, 'pkg/stability-lint.config.json')]);
  });

  it('reads a "stabilityLint" key in package.json; a config file beside it wins', () => {
    const dir = tempProject({
      'a/package.json': '{ "name": "a", "stabilityLint": { "root": true, "rules": { "probe": "off" } } }',
      'b/package.json': '{ "name": "b", "stabilityLint": { "root": true, "rules": { "probe": "off" } } }',
      'b/stability-lint.config.json': '{ "root": true, "rules": { "probe": "error" } }',
    });
    const loader = new ConfigLoader(probeRules);
    assert.equal(loader.forFile(path.join(dir, 'a/x.ts')).rules.probe.severity, 'off');
    assert.equal(loader.forFile(path.join(dir, 'b/x.ts')).rules.probe.severity, 'error');
  });

  it('defaults apply where no config exists; a rule left at default is not explicit', () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }' });
    const c = new ConfigLoader(probeRules).forFile(path.join(dir, 'a.ts'));
    assert.deepEqual(c.rules.probe, { severity: 'warn', options: { modules: ['pg', 'axios', 'undici', 'global', 'child_process', 'http'] } });
    assert.equal(c.maxFileSize, 2 * 1024 * 1024);
  });

  it('rules named with --rule run even where config turns them off', () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true, "rules": { "probe": "off" } }' });
    const plain = new ConfigLoader(probeRules).forFile(path.join(dir, 'a.ts'));
    const forced = new ConfigLoader(probeRules, undefined, undefined, ['probe']).forFile(path.join(dir, 'a.ts'));
    assert.equal(plain.rules.probe.severity, 'off');
    assert.deepEqual({ severity: forced.rules.probe.severity, explicit: forced.rules.probe.explicit }, { severity: 'warn', explicit: false });
  });

  it('an explicit config file replaces the search', () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true, "rules": { "probe": "error" } }',
      'ci.json': '{ "rules": { "probe": "off" } }',
    });
    const c = new ConfigLoader(probeRules, path.join(dir, 'ci.json')).forFile(path.join(dir, 'a.ts'));
    assert.equal(c.rules.probe.severity, 'off');
  });
});

describe('config errors', () => {
  it('a JSON syntax error gives file:line:column', () => {
    const e = loaderError({ 'stability-lint.config.json': '{\n  "rules": {\n    "probe": "warn"\n    "x": 1\n  }\n}\n' });
    assert.equal(e.message, 'stability-lint.config.json:4:5: invalid JSON: CommaExpected');
  });

  it('an unknown rule is named with a did-you-mean', () => {
    const e = loaderError({ 'stability-lint.config.json': '{ "rules": { "prob": "warn" } }' });
    assert.equal(e.message, 'stability-lint.config.json:1:14: unknown rule "prob"; did you mean "probe"?');
  });

  it('an unknown rule far from any known id gets no suggestion', () => {
    const e = loaderError({ 'stability-lint.config.json': '{ "rules": { "no-console": "warn" } }' });
    assert.equal(e.message, 'stability-lint.config.json:1:14: unknown rule "no-console"');
  });

  it('an invalid severity', () => {
    const e = loaderError({ 'stability-lint.config.json': '{ "rules": { "probe": "eror" } }' });
    assert.equal(e.message, 'stability-lint.config.json:1:23: rule "probe": invalid severity "eror"; use one of off, info, warn, error; did you mean "error"?');
  });

  it('an unknown rule option, and an option of the wrong type', () => {
    const e1 = loaderError({ 'stability-lint.config.json': '{ "rules": { "probe": ["warn", { "module": ["pg"] }] } }' });
    assert.equal(e1.message, 'stability-lint.config.json:1:34: rule "probe": unknown option "module"; did you mean "modules"?');
    const e2 = loaderError({ 'stability-lint.config.json': '{ "rules": { "probe": ["warn", { "modules": "pg" }] } }' });
    assert.equal(e2.message, 'stability-lint.config.json:1:45: rule "probe": option "modules" must be a string[]');
  });

  it('an unknown top-level key, timeout kind, and bad values', () => {
    assert.equal(loaderError({ 'stability-lint.config.json': '{ "ignore": [] }' }).message,
      'stability-lint.config.json:1:3: unknown key "ignore"; did you mean "ignores"?');
    assert.equal(loaderError({ 'stability-lint.config.json': '{ "timeouts": { "htp": 100 } }' }).message,
      'stability-lint.config.json:1:17: unknown timeout kind "htp"; did you mean "http"?');
    assert.equal(loaderError({ 'stability-lint.config.json': '{ "timeouts": { "http": -1 } }' }).message,
      'stability-lint.config.json:1:25: "timeouts.http" must be a positive number of milliseconds');
    assert.equal(loaderError({ 'stability-lint.config.json': '{ "ignores": "dist" }' }).message,
      'stability-lint.config.json:1:14: "ignores" must be an array of glob strings');
    assert.equal(loaderError({ 'stability-lint.config.json': '{ "lintSupportFiles": "yes" }' }).message,
      'stability-lint.config.json:1:23: "lintSupportFiles" must be true or false');
  });

  it('errors inside package.json point into package.json', () => {
    const e = loaderError({ 'package.json': '{\n  "name": "x",\n  "stabilityLint": { "rulez": {} }\n}\n' });
    assert.equal(e.message, 'package.json:3:22: unknown key "rulez"; did you mean "rules"?');
  });

  it('a package.json without our key is ignored even when broken', () => {
    const dir = tempProject({ 'package.json': '{ "name": ', 'stability-lint.config.json': '{ "root": true }' });
    assert.doesNotThrow(() => new ConfigLoader(probeRules).forFile(path.join(dir, 'sub/a.ts')));
  });

  it('library entries are validated', () => {
    const e = loaderError({ 'stability-lint.config.json': '{ "libraries": [ { "module": "@acme/http", "call": "get", "timeot": {} } ] }' });
    assert.equal(e.message, 'stability-lint.config.json:1:59: unknown library key "timeot"; did you mean "timeout"?');
  });

  it('a library bounded by default far beyond a request budget: its seconds are kept, and must be above 0', () => {
    const entry = (bound: string) => `{ "libraries": [ { "module": "@acme/http", "call": "get", "invoke": "call", "timeout": { "kind": "http", "boundedBy": ["signal"], "defaultBoundS": ${bound} } } ] }`;
    const dir = tempProject({ 'stability-lint.config.json': entry('300') });
    const config = new ConfigLoader(probeRules).forFile(path.join(dir, 'src/a.ts'));
    assert.equal(config.libraries[0].timeout?.defaultBoundS, 300);
    assert.equal(loaderError({ 'stability-lint.config.json': entry('0') }).message,
      'stability-lint.config.json:1:148: "timeout.defaultBoundS" must be a number of seconds above 0');
  });
});
