import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generatedCodeReason } from '../../engine/generated-code';

const root = '/work/app';
const at = (rel: string) => `${root}/${rel}`;
const handWritten = `import http from 'node:http';\n\nexport function start(port: number) {\n  return http.createServer().listen(port);\n}\n`;

describe('generatedCodeReason', () => {
  it('skips vendored and browser-asset folders below the root, by folder name', () => {
    assert.equal(generatedCodeReason(at('vendor/jquery/jquery.js'), handWritten, root), 'vendored code (under vendor/)');
    assert.equal(generatedCodeReason(at('src/third_party/lru.js'), handWritten, root), 'vendored code (under third_party/)');
    assert.equal(generatedCodeReason(at('public/js/app.js'), handWritten, root), 'vendored code (under public/)');
  });

  it('a module under public/ that requires its package\'s modules by relative path is the package\'s own code; vendor/ stays vendored', () => {
    const module = `"use strict";\nvar linkObj = require("../internal/linkObj");\nvar UrlChecker = require("./UrlChecker");\nmodule.exports = function HtmlChecker() {};\n`;
    assert.equal(generatedCodeReason(at('lib/public/HtmlChecker.js'), module, root), undefined);
    assert.equal(generatedCodeReason(at('vendor/lib/HtmlChecker.js'), module, root), 'vendored code (under vendor/)');
    assert.equal(generatedCodeReason(at('public/js/app.js'), 'document.querySelector("#x").onclick = () => {};\n', root), 'vendored code (under public/)');
  });

  it('does not count folders above the root', () => {
    assert.equal(generatedCodeReason('/srv/public/app/src/server.ts', handWritten, '/srv/public/app'), undefined);
  });

  it('skips files named as builds, but not configs named after an environment', () => {
    assert.equal(generatedCodeReason(at('lib/socket.io.min.js'), handWritten, root), 'build output (by its name)');
    assert.equal(generatedCodeReason(at('dist/client.bundle.js'), handWritten, root), 'build output (by its name)');
    assert.equal(generatedCodeReason(at('webpack.prod.js'), handWritten, root), undefined);
  });

  it('recognises bundler output by its runtime helpers', () => {
    const webpack = '/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({});\n';
    assert.equal(generatedCodeReason(at('lib/index.js'), webpack, root), 'webpack bundle');
    const esbuild = 'var __create = Object.create;\nvar __defProp = Object.defineProperty;\nvar __getOwnPropDesc = Object.getOwnPropertyDescriptor;\n';
    assert.equal(generatedCodeReason(at('lib/index.js'), esbuild, root), 'esbuild bundle');
    const umd = "(function (global, factory) {\n  typeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory() :\n  typeof define === 'function' && define.amd ? define(factory) : global.x = factory();\n}(this, function () {}));\n";
    assert.equal(generatedCodeReason(at('lib/x.js'), umd, root), 'UMD build');
    // Rollup's UMD header hands the factory an exports object (graphql-ws's umd/graphql-ws.js).
    const rollupUmd = "(function (global, factory) {\n  typeof exports === 'object' && typeof module !== 'undefined' ? factory(exports) :\n  typeof define === 'function' && define.amd ? define(['exports'], factory) :\n  (global = typeof globalThis !== 'undefined' ? globalThis : global || self, factory(global.graphqlWs = {}));\n})(this, (function (exports) { 'use strict';\n";
    assert.equal(generatedCodeReason(at('umd/graphql-ws.js'), rollupUmd, root), 'UMD build');
    // Vite chunks: the loader of the chunks a chunk needs, and the preload helper by its name.
    const viteChunk = 'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./Components-CgaoEM1_.js"])))=>i.map(i=>d[i]);\nimport{t as e}from"./vite-preload-helper-CaC3yEL3.js";var t={};\n';
    assert.equal(generatedCodeReason(at('admin/assets/index-BacfArxj.js'), viteChunk, root), 'Vite build');
    assert.equal(generatedCodeReason(at('admin/assets/vite-preload-helper-CaC3yEL3.js'), 'var e=function(e,t){return new URL(e,t).href};\n', root), 'build output (by its name)');
    // Vite 7 (Rolldown): chunks import the runtime and the preload helper by hashed names.
    const rolldownChunk = 'import{o as e}from"./rolldown-runtime-C0FnF6B9.js";import{t as r}from"./vite-preload-helper-CaC3yEL3.js";var i=e(t(),1);\n';
    assert.equal(generatedCodeReason(at('admin/assets/AiChatService-QKcpW4jQ.js'), rolldownChunk, root), 'Vite build');
    assert.equal(generatedCodeReason(at('admin/assets/rolldown-runtime-C0FnF6B9.js'), 'var e=Object.create;\n', root), 'build output (by its name)');
    // Module-federation chunks (iobroker.javascript's admin): hashed names importing hashed siblings.
    const federated = 'import{Cr as e,Er as t}from"./_virtual_mf___loadShare___mf_0_gui.js-NI-3Uv4e.js";var t={};function n(n){if(t[n.name])return t[n.name]}\n';
    assert.equal(generatedCodeReason(at('admin/assets/blocklyTheme-CGhU3cEO.js'), federated, root), 'build output (a chunk with a content hash in its name)');
    // A server build's chunk imports Node's modules and its dependencies: the server's only copy of its code (actual-server's build/chunks).
    const serverChunk = 'import { t as configSchema } from "./load-config-8NvK3qSh.js";\nimport { join } from "node:path";\nimport express from "express";\n';
    assert.equal(generatedCodeReason(at('build/chunks/app-D8uk2K_7.js'), serverChunk, root), undefined);
    // Hand-written modules whose names end in eight letters are not chunks.
    assert.equal(generatedCodeReason(at('src/user-handlers.js'), "import { x } from './auth-handlers.js';\nexport const y = x;\n", root), undefined);
    assert.equal(generatedCodeReason(at('src/api-Handlers.js'), "import { x } from './auth-Handlers.js';\nexport const y = x;\n", root), undefined);
  });

  it("a tsup/esbuild build of the package's own modules, shipped without them, is the package's code; one with dependencies copied in, or beside its sources, stays a bundle", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-own-build-'));
    try {
      const helpers = 'var __defProp = Object.defineProperty;\nvar __getOwnPropDesc = Object.getOwnPropertyDescriptor;\n';
      const own = `"use strict";\n${helpers}\n// source/index.ts\nvar index_exports = {};\n\n// source/memory-store.ts\nvar MemoryStore = class {};\n`;
      assert.equal(generatedCodeReason(path.join(dir, 'dist/index.cjs'), own, dir), undefined);
      const vendoring = `${own}\n// node_modules/ms/index.js\nvar require_ms = () => {};\n`;
      assert.equal(generatedCodeReason(path.join(dir, 'dist/index.cjs'), vendoring, dir), 'esbuild bundle');
      fs.mkdirSync(path.join(dir, 'source'));
      fs.writeFileSync(path.join(dir, 'source/index.ts'), 'export {};\n');
      assert.equal(generatedCodeReason(path.join(dir, 'dist/index.cjs'), own, dir), 'esbuild bundle');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recognises a generated header, but only in the leading comments', () => {
    assert.equal(generatedCodeReason(at('src/schema.ts'), `// Code generated by protoc-gen-ts. DO NOT EDIT.\n${handWritten}`, root), 'generated code (its header says so)');
    assert.equal(generatedCodeReason(at('src/client.ts'), `#!/usr/bin/env node\n/**\n * @generated\n */\n${handWritten}`, root), 'generated code (its header says so)');
    assert.equal(generatedCodeReason(at('src/ids.ts'), `${handWritten}// ids are auto-generated by the database\n`, root), undefined);
  });

  it('keeps compiled TypeScript output: a source map comment alone is not a bundle', () => {
    const tsc = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.start = void 0;\n' +
      'const http = require("http");\nfunction start(port) { return http.createServer().listen(port); }\nexports.start = start;\n//# sourceMappingURL=server.js.map\n';
    assert.equal(generatedCodeReason(at('lib/server.js'), tsc, root), undefined);
    // Babel's inline map is one long base64 line, longer than the code itself.
    const babel = `${tsc}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${'QUJD'.repeat(2000)}\n`;
    assert.equal(generatedCodeReason(at('lib/server.js'), babel, root), undefined);
  });

  it('recognises minified code by long lines holding most of the text', () => {
    const minified = `!function(e){${'var a=1,b=2;'.repeat(400)}}(this);\n`;
    assert.equal(generatedCodeReason(at('lib/x.js'), minified, root), 'minified code');
    const oneLongDataLine = `${handWritten.repeat(60)}export const TABLE = [${'1,'.repeat(400)}];\n`;
    assert.equal(generatedCodeReason(at('src/table.ts'), oneLongDataLine, root), undefined);
  });
});

describe('generatedCodeReason: browser client bundles', () => {
  it('a wrapper that hangs a library on window or self, with no CommonJS branch, is a browser bundle', () => {
    const compact = "(function(f){var g;if(typeof window!=='undefined'){g=window}else if(typeof self!=='undefined'){g=self}g.SockJS=f()})(function(){var define,module,exports;\nreturn 1;\n});\n";
    assert.equal(generatedCodeReason(at('transformers/sockjs/library.js'), compact, root), 'browser bundle (it sets a global on window or self)');
    const spaced = "(function (f) {\n  var g;\n\n  if (typeof window !== 'undefined') {\n    g = window;\n  } else if (typeof self !== 'undefined') {\n    g = self;\n  }\n\n  g.eio = f();\n})(function () {\nvar eio = (function () {\n  'use strict';\n})();\nreturn eio;\n});\n";
    assert.equal(generatedCodeReason(at('transformers/engine.io/library.js'), `/*! engine.io-client */\n${spaced}`, root), 'browser bundle (it sets a global on window or self)');
  });

  it('finds the browserify prelude inside such a wrapper', () => {
    const inner = "(function(f){if(typeof exports===\"object\"&&typeof module!==\"undefined\"){module.exports=f()}else{var g=window;g.X=f()}})(function(){var define,module,exports;return (function(){function r(e,n,t){function o(i,f){if(!n[i]){}}}})()});\n";
    assert.equal(generatedCodeReason(at('lib/client.js'), inner, root), 'browserify bundle');
  });

  it('keeps Node modules that look at window: a CommonJS branch, a check inside a function, an IIFE that exports', () => {
    const umdByHand = "(function (root, factory) {\n  if (typeof module === 'object' && module.exports) module.exports = factory();\n  else if (typeof window !== 'undefined') root.Retry = factory();\n}(this, function () {\n  return {};\n}));\n";
    assert.equal(generatedCodeReason(at('lib/retry.js'), umdByHand, root), undefined);
    const isomorphic = "'use strict';\nconst isBrowser = typeof window !== 'undefined';\nmodule.exports.now = () => (isBrowser ? performance.now() : Date.now());\n";
    assert.equal(generatedCodeReason(at('lib/clock.js'), isomorphic, root), undefined);
    const iife = "(function () {\n  const g = typeof globalThis !== 'undefined' ? globalThis : global;\n  g.counter = Number(process.env.START) || 0;\n  require('./server').start(g.counter);\n})();\n";
    assert.equal(generatedCodeReason(at('lib/boot.js'), iife, root), undefined);
    const polyfill = "(function () {\n  const g = typeof globalThis !== 'undefined' ? globalThis : global;\n  g.fetch = makeFetch();\n})();\n";
    assert.equal(generatedCodeReason(at('lib/polyfill.js'), polyfill, root), undefined);
  });
});
