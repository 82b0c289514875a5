// The module index cross-file facts stand on: what a CommonJS module object re-exports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { ts } from 'ts-morph';
import { collectExports } from '../../engine/module-symbols';
import { ModuleResolver } from '../../engine/resolve-module';

it("module.exports = { Runner: require('./src/runner'), NotFound: require('./errors').NotFound } re-exports those modules", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-symbols-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/runner.js'), 'module.exports = class Runner {};\n');
  fs.writeFileSync(path.join(dir, 'errors.js'), 'exports.NotFound = class NotFound extends Error {};\n');
  const file = path.join(dir, 'index.js');
  const text = "const local = 1;\nmodule.exports = {\n  Runner: require('./src/runner'),\n  NotFound: require('./errors').NotFound,\n  Missing: require('./missing'),\n  pg: require('pg'),\n  local,\n};\n";
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const { exports } = collectExports(sf, new ModuleResolver());
  assert.deepEqual(exports, {
    Runner: { module: path.join(dir, 'src/runner.js'), name: '*' },
    NotFound: { module: path.join(dir, 'errors.js'), name: 'NotFound' },
    local: { local: 'local' },
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

it("const s = {}; s.user = require('./user'); module.exports = s re-exports that module as `user`", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-symbols-'));
  try {
    fs.writeFileSync(path.join(dir, 'user.js'), 'exports.find = async () => null;\n');
    const file = path.join(dir, 'index.js');
    const text = "const s = {};\ns.user = require('./user.js');\ns.pg = require('pg');\nother.x = require('./user.js');\nmodule.exports = s;\n";
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const { exports } = collectExports(sf, new ModuleResolver());
    assert.deepEqual(exports, {
      default: { local: 's' },
      '*': { local: 's' },
      user: { module: path.join(dir, 'user.js'), name: '*' },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("module.exports = require('./node') re-exports that module as the whole module object", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-symbols-'));
  fs.writeFileSync(path.join(dir, 'node.js'), 'class ClusterNode {}\nmodule.exports = ClusterNode;\n');
  const file = path.join(dir, 'index.js');
  const sf = ts.createSourceFile(file, "module.exports = require('./node');\n", ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const { exports } = collectExports(sf, new ModuleResolver());
  const node = { module: path.join(dir, 'node.js'), name: '*' };
  assert.deepEqual(exports, { default: node, '*': node });
  const missing = ts.createSourceFile(file, "module.exports = require('pg');\n", ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  assert.deepEqual(collectExports(missing, new ModuleResolver()).exports, {});
  fs.rmSync(dir, { recursive: true, force: true });
});
