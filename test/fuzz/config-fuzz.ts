// Config fuzz: random mutations of valid configs (JSONC, in stability-lint.config.json and in
// package.json "stabilityLint"). Every mutated config either loads (the run exits 0 or 1) or is
// refused with exit 2 and one `file:line:column: detail` line on stderr — never a stack trace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../cli/run';
import { tempProject } from '../temp-project';
import { random, type FuzzBounds, type FuzzOutcome, type Random } from './random';

const VALID_CONFIGS = [
  `{
  "$schema": "./node_modules/stability-lint/schema/stability-lint.schema.json",
  "root": true,
  "rules": {
    "unbounded-loop": "error",
    "missing-timeout": ["warn", { "requireQueryTimeout": true }],
    "watch-mode-script": "off"
  },
  "ignores": ["scripts/**", "**/*.test.ts"],
  // Where fixes import the runtime shim from
  "runtime": { "import": "@acme/stability-runtime" },
  "timeouts": { "http": 10000, "dbConnect": 5000, "childProcess": 60000 },
  "libraries": [
    {
      "module": "@acme/http-client",
      "call": "request",
      "invoke": "call",
      "timeout": { "kind": "http", "optionsArg": 1, "boundedBy": ["timeoutMs", "signal"] }
    }
  ],
  "typeAware": false,
  "maxFileSize": 2097152
}`,
  '{ "root": true, "rules": { "missing-timeout": "error" }, "lintSupportFiles": true }',
  '{ "rules": { "unbounded-concurrency": ["warn", {}], "double-close": "info" }, /* c */ "ignores": [] }',
];

const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '//', '/*', '*/', 'null', 'true', 'false', '-1', '1e999', '0x10', 'NaN',
  '"off"', '"warn"', '"error"', '"bogus"', '{}', '[]', '"\\u0000"', '\u2028', '\ufeff', '"rules"', '"libraries"', '"timeouts"',
  '"maxFileSize"', '"extends"', '"__proto__"', '"constructor"', '"toString"', '9007199254740993', '-0', '"💥"', '\\', '\n', '\r\n'];

/** One random change to a config text: characters, tokens, spans, values of the wrong type. */
export function mutate(text: string, r: Random): string {
  const at = r.int(text.length + 1);
  switch (r.int(8)) {
    case 0: return text.slice(0, at) + text.slice(at + 1 + r.int(8)); // delete
    case 1: return text.slice(0, at) + r.pick(TOKENS) + text.slice(at); // insert a token
    case 2: return text.slice(0, at) + String.fromCharCode(r.int(0x3000)) + text.slice(at); // any character
    case 3: { // duplicate a span
      const len = r.int(40);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    }
    case 4: { // a string value of the wrong type
      const m = [...text.matchAll(/"[^"\n]*"/g)];
      if (!m.length) return text;
      const s = r.pick(m);
      return text.slice(0, s.index!) + r.pick(['1', 'null', '[]', '{}', 'true', '"x"', '{"a":[{}]}']) + text.slice(s.index! + s[0].length);
    }
    case 5: { // a number value out of range
      const m = [...text.matchAll(/\d+/g)];
      if (!m.length) return text;
      const s = r.pick(m);
      return text.slice(0, s.index!) + r.pick(['-1', '0', '1e308', '1.5', '-1e308', '99999999999999999999']) + text.slice(s.index! + s[0].length);
    }
    case 6: return text.slice(0, at) + '['.repeat(1 + r.int(3000)) + text.slice(at); // deep nesting
    default: return text.slice(0, at); // truncated
  }
}

/** A rule id that exists, so "rules" mutations hit real option schemas. */
const SOURCE = "import axios from 'axios';\naxios.get('/x');\nwhile (true) {}\n";

export async function fuzzConfigs(bounds: FuzzBounds): Promise<FuzzOutcome> {
  const dir = tempProject({ 'src/a.ts': SOURCE, 'package.json': '{ "name": "fuzz" }' });
  const failures: string[] = [];
  const deadline = bounds.seconds ? Date.now() + bounds.seconds * 1000 : Infinity;
  let i = 0;
  try {
    for (; i < bounds.iterations && Date.now() < deadline; i++) {
      const r = random(bounds.seed + i);
      let text = r.pick(VALID_CONFIGS);
      for (let n = 1 + r.int(4); n > 0; n--) text = mutate(text, r);
      const inPackageJson = r.chance(0.25);
      const configFile = inPackageJson ? 'package.json' : 'stability-lint.config.json';
      fs.rmSync(path.join(dir, 'stability-lint.config.json'), { force: true });
      fs.writeFileSync(path.join(dir, configFile), inPackageJson ? `{ "name": "fuzz", "stabilityLint": ${text} }` : text);
      let stdout = '';
      let stderr = '';
      let code: number;
      try {
        code = await run(['--format', 'json', '.'], {
          cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, env: {},
        });
      } catch (e) {
        code = -1;
        stderr = `threw: ${(e as Error).stack}`;
      }
      const refused = code === 2 && new RegExp(`^${configFile.replace('.', '\\.')}:\\d+:\\d+: [^\\n]+\\n$`).test(stderr);
      const loaded = (code === 0 || code === 1) && !stderr.includes('internal error') && JSON.parse(stdout).length > 0;
      if (!refused && !loaded) {
        failures.push(`config fuzz seed ${bounds.seed + i} (SL_FUZZ_SEED=${bounds.seed} iteration ${i}): exit ${code}\n--- ${configFile} ---\n${fs.readFileSync(path.join(dir, configFile), 'utf8').slice(0, 2000)}\n--- stderr ---\n${stderr.slice(0, 2000)}`);
        bounds.log?.(failures[failures.length - 1]);
      }
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "fuzz" }');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { iterations: i, failures };
}
