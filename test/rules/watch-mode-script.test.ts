import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../rules/watch-mode-script';
import { NON_RESTARTERS } from '../../rules/shared/watch-commands';
import { runRuleTests, type InvalidCase, type TestCase } from '../rule-tester';

/** A package.json as npm writes it (two-space indent, trailing newline). */
const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'orders-api', version: '1.0.0', private: true, ...extra, scripts }, null, 2) + '\n';

/** Where `needle` (the `nth` occurrence, 1-based) sits in `code`: the exact range a diagnostic must cover. */
function at(code: string, needle: string, nth = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let offset = -1;
  for (let k = 0; k < nth; k++) offset = code.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" not in the case`);
  const place = (o: number) => {
    const before = code.slice(0, o).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const start = place(offset);
  const end = place(offset + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

const productionMessage = (script: string, watcher: string, reason: string, command: string) =>
  `Script "${script}" runs the service under \`${watcher}\`: run it once in production.\n` +
  `${reason}. There the file watcher restarts the service on every file change under its folders (logs, ` +
  'uploads, a deploy being copied in), dropping requests mid-flight, and runs it as a child process with no ' +
  `memory limit or crash backoff. Run it once: \`${command}\`.`;

const devMessage = (script: string, watcher: string, command: string) =>
  `Script "${script}" runs the service under \`${watcher}\`: keep a sibling that runs it once.\n` +
  'A file watcher suits a workstation, but wherever production runs this script (a Dockerfile, Procfile or ' +
  'pm2 app that runs it makes this an error), every file change restarts the service mid-request, with no ' +
  `memory limit or crash backoff. Add \`"${script}:once": "${command}"\`.`;

const pm2Message = (app: string) =>
  `pm2 app "${app}" has \`watch: true\`: set \`watch: false\` and reload on deploy.\n` +
  'pm2 restarts it whenever a file in its folder changes (log files, uploads, a deploy being copied in), ' +
  'dropping in-flight requests and restarting in a loop while files keep changing. Restart deliberately on ' +
  'deploy (`pm2 reload`).';

const procfileMessage = (process: string, watcher: string, command: string) =>
  `Procfile process "${process}" runs the service under \`${watcher}\`: run it once instead.\n` +
  'Every Procfile process runs in production. The file watcher restarts the service on every file change ' +
  'under its folders, dropping requests mid-flight, and runs it as a child process with no memory limit or ' +
  `crash backoff. Run it once: \`${command}\`.`;

const START_BY_NAME = 'It is what `npm start` runs in production';

// ---- package.json: start-like scripts are errors with a safe fix ----

const tsxWatchStart = pkg({ start: 'tsx watch src/server.ts', build: 'tsc -p tsconfig.build.json' });
const nodemonStart = pkg({ start: 'nodemon src/index.js' });
const nodeWatchStart = pkg({ start: 'node --env-file=.env --watch dist/server.js' });
const watchPathStart = pkg({ start: 'node --watch-path=./src --watch-preserve-output dist/index.js --port 8080' });
const tsNodeDevServe = pkg({ serve: 'ts-node-dev --respawn --transpile-only src/app.ts' });
const tsndProd = pkg({ prod: 'tsnd --respawn --ignore-watch node_modules -r tsconfig-paths/register src/app.ts' });
const nodeDevStartProd = pkg({ 'start:prod': 'node-dev --clear server.js' });
const crossEnvNodemon = pkg({ 'serve:production': 'cross-env NODE_ENV=production nodemon --watch src -e ts --exec ts-node src/index.ts' });
const chainStart = pkg({ start: 'npm run build && nodemon dist/server.js' });
const nodemonTs = pkg({ production: 'nodemon src/server.ts' });
const npxStart = pkg({ start: 'npx tsx watch --tsconfig tsconfig.json src/main.ts' });
const dotenvStart = pkg({ start: 'dotenv -e .env.production -- nodemon -q dist/server.js' });
const pathStart = pkg({ start: './node_modules/.bin/nodemon dist/server.js' });
const execOnlyStart = pkg({ start: 'nodemon --watch src --ext ts --exec "ts-node --files src/index.ts"' });

const concurrentlyStart =
  '{\n  "scripts": {\n    "start": "concurrently -k \\"tsc -w -p .\\" \\"nodemon --delay 1 dist/server.js\\""\n  }\n}\n';
const concurrentlyStartFixed =
  '{\n  "scripts": {\n    "start": "concurrently -k \\"tsc -w -p .\\" \\"node dist/server.js\\""\n  }\n}\n';
const shellQuotedStart = '{\n  "scripts": {\n    "start": "sh -c \'nodemon --signal SIGTERM server.js\'"\n  }\n}\n';
const unicodeEscapeStart = '{\n  "scripts": {\n    "start": "tsx \\u0077atch src/a.ts"\n  }\n}\n';
const twoWatchersStart = pkg({ start: 'concurrently "nodemon api.js" "node --watch worker.js"' });

// ---- package.json: when a safe fix is not certain ----

const nodemonNoEntry = pkg({ start: 'nodemon' });
const nodemonWithConfigKey = pkg({ start: 'nodemon src/index.js' }, { nodemonConfig: { exec: 'node -r dotenv/config' } });
const tsNodeDevUnknownOption = pkg({ start: 'ts-node-dev --respawn --inspect=0.0.0.0:9229 src/app.ts' });

// ---- package.json: dev scripts are information, with a sibling suggestion ----

/** The entry file a dev script watches: present, as in the package it belongs to. */
const SERVER = "import http from 'node:http';\nhttp.createServer((req, res) => res.end('ok')).listen(3000);\n";

const devScript = pkg({ dev: 'tsx watch src/server.ts', build: 'tsc' });
const devScriptWithSibling = `{
  "name": "orders-api",
  "version": "1.0.0",
  "private": true,
  "scripts": {
    "dev": "tsx watch src/server.ts",
    "dev:once": "tsx src/server.ts",
    "build": "tsc"
  }
}
`;
const minifiedDev = '{"scripts":{"dev":"nodemon --watch src app.js","test":"node --test"}}';
const minifiedDevWithSibling = '{"scripts":{"dev":"nodemon --watch src app.js", "dev:once": "node app.js","test":"node --test"}}';
const startRunsDev = pkg({ start: 'npm run dev', dev: 'tsx watch src/server.ts' });
const runPStartsApi = pkg({ start: 'run-p start:*', 'start:api': 'nodemon api.js', 'start:worker': 'node worker.js' });
const prestartWatch = pkg({ prestart: 'node --watch scripts/seed.js', start: 'node dist/server.js' });
const concurrentlyShorthand = pkg({ start: 'concurrently "npm:api" "npm:web"', api: 'nodemon api.js', web: 'node web.js' });

/** actionhero's shape: dev and debug watch the TypeScript entry, start runs its build once, and so does the image. */
const devBesideBuiltStart = pkg({
  dev: 'ts-node-dev --transpile-only --no-deps ./src/server',
  debug: 'tsc && ts-node-dev --transpile-only --no-deps --inspect -- ./src/server ',
  start: 'node ./dist/server.js',
  build: 'tsc',
});
const devBesideOtherStart = pkg({ dev: 'ts-node-dev --respawn src/server.ts', start: 'node dist/worker.js' });
const devBesideStartRunByImage = pkg({ dev: 'nodemon src/server.js', start: 'node dist/server.js' });

/** peer's shape: the watcher rebuilds and restarts through `npm run start`, which runs the build once. */
const devExecRunsStart = pkg({ build: 'tsc', start: 'node dist/bin/server.js --port 9000', dev: "nodemon --watch src -e ts --exec 'npm run build && npm run start'" });
const devExecBesideStart = pkg({ start: 'yarn build && node build/app.js', 'start-monitor': "nodemon --exec 'yarn build && node build/app.js' --ignore './build/**/*' --ext 'ts,js' build/app.js" });
const devExecRunsNode = pkg({ build: 'tsc', dev: "nodemon --watch src -e ts --exec 'npm run build && node dist/bin/server.js'" });

const devForCrossFile = pkg({ dev: 'nodemon src/server.js', build: 'tsc' });
const devLine = at(devForCrossFile, 'nodemon');
const unleashDev = pkg({ build: 'tsc --pretty', dev: 'ENABLE_OAS=true ts-node-dev src/start.ts', test: 'jest' });
const decapDevelop = pkg({ start: 'node dist/index.js', develop: "nodemon --watch 'src/**/*.ts' --exec 'ts-node' --files src/index.ts" });
const decapDevelopOther = pkg({ start: 'node dist/index.js', develop: "nodemon --watch 'src/**/*.ts' --exec 'ts-node' --files src/other.ts" });
const devError = (files: Record<string, string>, name: string): InvalidCase => ({
  name,
  filename: 'package.json',
  code: devForCrossFile,
  files: { 'src/server.js': SERVER, ...files },
  errors: [{ messageId: 'devScript', data: { script: 'dev', watcher: 'nodemon', sibling: 'dev:once', command: 'node src/server.js' }, ...devLine, severity: 'error' }],
});

const dockerfileDevStageOnly = `FROM node:20-alpine AS dev
WORKDIR /app
COPY . .
CMD ["npm", "run", "dev"]

FROM node:20-alpine
WORKDIR /app
COPY --from=dev /app .
CMD ["node", "src/server.js"]
`;

/** A framework's package: its main and bin are the product; dev and perf scripts run other files. */
const frameworkPkg = pkg(
  { dev: 'nodemon dev/index.js', perf: 'nodemon --allow-natives-syntax benchmark/perf-runner.js', test: 'jest' },
  { main: 'index.js', bin: { runner: './bin/runner.js' } },
);
const frameworkFiles = { 'index.js': 'module.exports = {};\n', 'bin/runner.js': SERVER, 'benchmark/perf-runner.js': 'console.log(1);\n' };

const invalid: InvalidCase[] = [
  {
    name: 'a watcher on a benchmark is no finding until production runs it: then an error',
    filename: 'package.json',
    code: frameworkPkg,
    files: { ...frameworkFiles, Dockerfile: 'FROM node:20\nCMD ["npm", "run", "perf"]\n' },
    errors: [{ messageId: 'devScript', ...at(frameworkPkg, 'nodemon', 2), severity: 'error' }],
    output: null,
  },
  {
    name: 'a restarter told to run a script that is not a test (nodemon -x npm run worker): still the service, information',
    filename: 'package.json',
    code: pkg({ start: 'node dist/server.js', worker: 'node src/worker.js', 'worker-watch': 'nodemon -x npm run worker' }),
    files: { 'src/server.ts': SERVER, 'src/worker.js': SERVER },
    errors: [{ messageId: 'devScript', ...at(pkg({ start: 'node dist/server.js', worker: 'node src/worker.js', 'worker-watch': 'nodemon -x npm run worker' }), 'nodemon'), severity: 'info' }],
    output: null,
  },
  {
    name: 'a second process beside the start target (a worker) is the service too: information',
    filename: 'package.json',
    code: pkg({ start: 'node dist/server.js', worker: 'nodemon src/worker.js' }),
    files: { 'src/server.ts': SERVER, 'src/worker.js': SERVER },
    errors: [{ messageId: 'devScript', ...at(pkg({ start: 'node dist/server.js', worker: 'nodemon src/worker.js' }), 'nodemon'), severity: 'info' }],
    output: null,
  },
  {
    name: "a dev script watching the package's main: information",
    filename: 'package.json',
    code: pkg({ dev: 'nodemon index.js' }, { main: 'index.js' }),
    files: { 'index.js': SERVER },
    errors: [{ messageId: 'devScript', ...at(pkg({ dev: 'nodemon index.js' }, { main: 'index.js' }), 'nodemon'), severity: 'info' }],
    output: null,
  },
  {
    name: 'tsx watch in start: error at `tsx watch`, fixed to `tsx`',
    filename: 'package.json',
    code: tsxWatchStart,
    errors: [{
      messageId: 'productionScript',
      message: productionMessage('start', 'tsx watch', START_BY_NAME, 'tsx src/server.ts'),
      line: 6, column: 15, endLine: 6, endColumn: 24,
      severity: 'error',
    }],
    output: pkg({ start: 'tsx src/server.ts', build: 'tsc -p tsconfig.build.json' }),
  },
  {
    name: 'nodemon in start: fixed to node',
    filename: 'package.json',
    code: nodemonStart,
    errors: [{ messageId: 'productionScript', line: 6, column: 15, endLine: 6, endColumn: 22, severity: 'error' }],
    output: pkg({ start: 'node src/index.js' }),
  },
  {
    name: 'node --watch after other node options: range runs to the flag, the flag alone is dropped',
    filename: 'package.json',
    code: nodeWatchStart,
    errors: [{
      messageId: 'productionScript', data: { script: 'start', watcher: 'node --env-file=.env --watch', reason: START_BY_NAME, command: 'node --env-file=.env dist/server.js' },
      ...at(nodeWatchStart, 'node --env-file=.env --watch'),
      severity: 'error',
    }],
    output: pkg({ start: 'node --env-file=.env dist/server.js' }),
  },
  {
    name: 'node --watch-path turns watching on; --watch-preserve-output goes too; app arguments stay',
    filename: 'package.json',
    code: watchPathStart,
    errors: [{ messageId: 'productionScript', ...at(watchPathStart, 'node --watch-path=./src'), severity: 'error' }],
    output: pkg({ start: 'node dist/index.js --port 8080' }),
  },
  {
    name: 'ts-node-dev in serve: ts-node keeps --transpile-only',
    filename: 'package.json',
    code: tsNodeDevServe,
    errors: [{
      messageId: 'productionScript', data: { script: 'serve', watcher: 'ts-node-dev', reason: '"serve" is a script production runs', command: 'ts-node --transpile-only src/app.ts' },
      ...at(tsNodeDevServe, 'ts-node-dev'),
      severity: 'error',
    }],
    output: pkg({ serve: 'ts-node --transpile-only src/app.ts' }),
  },
  {
    name: 'tsnd (ts-node-dev short name) in prod: watcher options with values dropped, -r kept',
    filename: 'package.json',
    code: tsndProd,
    errors: [{ messageId: 'productionScript', ...at(tsndProd, 'tsnd'), severity: 'error' }],
    output: pkg({ prod: 'ts-node -r tsconfig-paths/register src/app.ts' }),
  },
  {
    name: 'node-dev in start:prod',
    filename: 'package.json',
    code: nodeDevStartProd,
    errors: [{ messageId: 'productionScript', ...at(nodeDevStartProd, 'node-dev'), severity: 'error' }],
    output: pkg({ 'start:prod': 'node server.js' }),
  },
  {
    name: 'cross-env prefix: nodemon --exec becomes the program',
    filename: 'package.json',
    code: crossEnvNodemon,
    errors: [{
      messageId: 'productionScript', data: { script: 'serve:production', watcher: 'nodemon', reason: '"serve:production" is a script production runs', command: 'ts-node src/index.ts' },
      ...at(crossEnvNodemon, 'nodemon'),
      severity: 'error',
    }],
    output: pkg({ 'serve:production': 'cross-env NODE_ENV=production ts-node src/index.ts' }),
  },
  {
    name: 'after && in a chain',
    filename: 'package.json',
    code: chainStart,
    errors: [{ messageId: 'productionScript', ...at(chainStart, 'nodemon'), severity: 'error' }],
    output: pkg({ start: 'npm run build && node dist/server.js' }),
  },
  {
    name: 'nodemon runs .ts entries with ts-node',
    filename: 'package.json',
    code: nodemonTs,
    errors: [{ messageId: 'productionScript', ...at(nodemonTs, 'nodemon'), severity: 'error' }],
    output: pkg({ production: 'ts-node src/server.ts' }),
  },
  {
    name: 'npx launcher; tsx options after watch are kept',
    filename: 'package.json',
    code: npxStart,
    errors: [{ messageId: 'productionScript', ...at(npxStart, 'tsx watch'), severity: 'error' }],
    output: pkg({ start: 'npx tsx --tsconfig tsconfig.json src/main.ts' }),
  },
  {
    name: 'dotenv launcher up to --',
    filename: 'package.json',
    code: dotenvStart,
    errors: [{ messageId: 'productionScript', ...at(dotenvStart, 'nodemon'), severity: 'error' }],
    output: pkg({ start: 'dotenv -e .env.production -- node dist/server.js' }),
  },
  {
    name: 'a path to the bin is the program',
    filename: 'package.json',
    code: pathStart,
    errors: [{ messageId: 'productionScript', ...at(pathStart, './node_modules/.bin/nodemon'), severity: 'error' }],
    output: pkg({ start: 'node dist/server.js' }),
  },
  {
    name: 'nodemon --exec with the whole command and no entry: the exec text is the command',
    filename: 'package.json',
    code: execOnlyStart,
    errors: [{
      messageId: 'productionScript', data: { script: 'start', watcher: 'nodemon', reason: START_BY_NAME, command: 'ts-node --files src/index.ts' },
      ...at(execOnlyStart, 'nodemon'),
      severity: 'error',
    }],
    output: pkg({ start: 'ts-node --files src/index.ts' }),
  },
  {
    name: 'inside concurrently "…" with JSON-escaped quotes: exact range past the escapes, tsc -w left alone',
    filename: 'package.json',
    code: concurrentlyStart,
    errors: [{ messageId: 'productionScript', line: 3, column: 49, endLine: 3, endColumn: 56, severity: 'error' }],
    output: concurrentlyStartFixed,
  },
  {
    name: "inside sh -c '…'",
    filename: 'package.json',
    code: shellQuotedStart,
    errors: [{ messageId: 'productionScript', ...at(shellQuotedStart, 'nodemon'), severity: 'error' }],
    output: '{\n  "scripts": {\n    "start": "sh -c \'node server.js\'"\n  }\n}\n',
  },
  {
    name: 'a \\u escape inside the watch word: the range covers the escape as written',
    filename: 'package.json',
    code: unicodeEscapeStart,
    errors: [{
      messageId: 'productionScript', data: { script: 'start', watcher: 'tsx watch', reason: START_BY_NAME, command: 'tsx src/a.ts' },
      line: 3, column: 15, endLine: 3, endColumn: 29,
      severity: 'error',
    }],
    output: '{\n  "scripts": {\n    "start": "tsx src/a.ts"\n  }\n}\n',
  },
  {
    name: 'two watchers in one script: two errors, both fixed',
    filename: 'package.json',
    code: twoWatchersStart,
    errors: [
      { messageId: 'productionScript', ...at(twoWatchersStart, 'nodemon'), severity: 'error' },
      { messageId: 'productionScript', ...at(twoWatchersStart, 'node --watch'), severity: 'error' },
    ],
    output: pkg({ start: 'concurrently "node api.js" "node worker.js"' }),
  },
  {
    name: 'pnpm exec launcher',
    filename: 'package.json',
    code: pkg({ start: 'pnpm exec nodemon server.js' }),
    errors: [{ messageId: 'productionScript', line: 6, column: 25, endLine: 6, endColumn: 32, severity: 'error' }],
    output: pkg({ start: 'pnpm exec node server.js' }),
  },
  {
    name: 'yarn running the nodemon bin: `yarn node` runs node',
    filename: 'package.json',
    code: pkg({ start: 'yarn nodemon server.js' }),
    errors: [{ messageId: 'productionScript', line: 6, column: 20, endLine: 6, endColumn: 27, severity: 'error' }],
    output: pkg({ start: 'yarn node server.js' }),
  },
  {
    name: 'nodemon with no entry: error, no fix (it runs package.json main or nodemon.json exec)',
    filename: 'package.json',
    code: nodemonNoEntry,
    errors: [{
      messageId: 'productionScript', data: { script: 'start', watcher: 'nodemon', reason: START_BY_NAME, command: 'node .' },
      ...at(nodemonNoEntry, 'nodemon'),
      severity: 'error',
      suggestions: [],
    }],
    output: null,
  },
  {
    name: 'nodemon.json next to package.json: dropping the watcher is a suggestion, not a fix',
    filename: 'package.json',
    code: nodemonStart,
    files: { 'nodemon.json': '{ "exec": "node -r dotenv/config" }\n' },
    errors: [{
      messageId: 'productionScript',
      ...at(nodemonStart, 'nodemon'),
      severity: 'error',
      suggestions: [{ title: 'Run without the watcher: `node src/index.js`', output: pkg({ start: 'node src/index.js' }) }],
    }],
    output: null,
  },
  {
    name: 'package.json nodemonConfig: suggestion only',
    filename: 'package.json',
    code: nodemonWithConfigKey,
    errors: [{
      messageId: 'productionScript',
      ...at(nodemonWithConfigKey, 'nodemon', 2),
      severity: 'error',
      suggestions: [{
        title: 'Run without the watcher: `node src/index.js`',
        output: pkg({ start: 'node src/index.js' }, { nodemonConfig: { exec: 'node -r dotenv/config' } }),
      }],
    }],
    output: null,
  },
  {
    name: 'ts-node-dev option ts-node does not know: suggestion only',
    filename: 'package.json',
    code: tsNodeDevUnknownOption,
    errors: [{
      messageId: 'productionScript',
      ...at(tsNodeDevUnknownOption, 'ts-node-dev'),
      severity: 'error',
      suggestions: [{
        title: 'Run without the watcher: `ts-node --inspect=0.0.0.0:9229 src/app.ts`',
        output: pkg({ start: 'ts-node --inspect=0.0.0.0:9229 src/app.ts' }),
      }],
    }],
    output: null,
  },
  {
    // A severity set in config applies to every finding of the rule, so options come with one.
    name: 'the productionScripts option names more production scripts',
    filename: 'package.json',
    code: pkg({ worker: 'nodemon dist/worker.js' }),
    config: { rules: { 'watch-mode-script': ['error', { productionScripts: ['worker'] }] } },
    errors: [{
      messageId: 'productionScript', data: { script: 'worker', watcher: 'nodemon', reason: '"worker" is a script production runs', command: 'node dist/worker.js' },
      line: 6, column: 16, endLine: 6, endColumn: 23,
      severity: 'error',
    }],
    output: pkg({ worker: 'node dist/worker.js' }),
  },
  {
    name: 'start runs dev: dev is an error too, and fixed',
    filename: 'package.json',
    code: startRunsDev,
    errors: [{
      messageId: 'productionScript', data: { script: 'dev', watcher: 'tsx watch', reason: 'The production script "start" runs it', command: 'tsx src/server.ts' },
      ...at(startRunsDev, 'tsx watch'),
      severity: 'error',
    }],
    output: pkg({ start: 'npm run dev', dev: 'tsx src/server.ts' }),
  },
  {
    name: 'run-p start:* runs start:api',
    filename: 'package.json',
    code: runPStartsApi,
    errors: [{
      messageId: 'productionScript', data: { script: 'start:api', watcher: 'nodemon', reason: 'The production script "start" runs it', command: 'node api.js' },
      ...at(runPStartsApi, 'nodemon'),
      severity: 'error',
    }],
    output: pkg({ start: 'run-p start:*', 'start:api': 'node api.js', 'start:worker': 'node worker.js' }),
  },
  {
    name: 'prestart runs with start',
    filename: 'package.json',
    code: prestartWatch,
    errors: [{ messageId: 'productionScript', ...at(prestartWatch, 'node --watch'), severity: 'error' }],
    output: pkg({ prestart: 'node scripts/seed.js', start: 'node dist/server.js' }),
  },
  {
    name: 'concurrently "npm:api" shorthand',
    filename: 'package.json',
    code: concurrentlyShorthand,
    errors: [{ messageId: 'productionScript', ...at(concurrentlyShorthand, 'nodemon'), severity: 'error' }],
    output: pkg({ start: 'concurrently "npm:api" "npm:web"', api: 'node api.js', web: 'node web.js' }),
  },
  {
    name: 'dev: information with the dev:once suggestion, no safe fix',
    filename: 'package.json',
    code: devScript,
    files: { 'src/server.ts': SERVER },
    errors: [{
      messageId: 'devScript',
      message: devMessage('dev', 'tsx watch', 'tsx src/server.ts'),
      line: 6, column: 13, endLine: 6, endColumn: 22,
      severity: 'info',
      suggestions: [{ title: 'Add a "dev:once" script that runs without the watcher', output: devScriptWithSibling }],
    }],
    output: null,
  },
  {
    name: 'minified package.json: the sibling is inserted on the same line',
    filename: 'package.json',
    code: minifiedDev,
    files: { 'app.js': SERVER },
    errors: [{
      messageId: 'devScript', data: { script: 'dev', watcher: 'nodemon', sibling: 'dev:once', command: 'node app.js' },
      line: 1, column: 20, endLine: 1, endColumn: 27,
      severity: 'info',
      suggestions: [{ title: 'Add a "dev:once" script that runs without the watcher', output: minifiedDevWithSibling }],
    }],
    output: null,
  },
  {
    name: 'start:dev is no production name: information',
    filename: 'package.json',
    code: pkg({ 'start:dev': 'nest build && node --watch dist/main.js' }),
    files: { 'dist/main.js': SERVER },
    errors: [{ messageId: 'devScript', line: 6, column: 33, endLine: 6, endColumn: 45, severity: 'info' }],
    output: null,
  },
  devError({ Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "dev"]\n' }, 'Dockerfile CMD (exec form) runs dev: error'),
  devError({ Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD npm run dev -- --port 8080\n' }, 'Dockerfile CMD (shell form) runs dev: error'),
  devError(
    { Dockerfile: 'FROM node:20-alpine\nENTRYPOINT ["dumb-init", "--"]\nCMD ["sh", "-c", "npm run migrate && npm run dev"]\n' },
    'Dockerfile ENTRYPOINT wrapper + CMD sh -c chain runs dev: error',
  ),
  devError(
    { 'docker/Dockerfile': 'FROM node:20\nCOPY . /app\nWORKDIR /app\nCMD yarn \\\n  dev\n' },
    'a Dockerfile in a subfolder runs dev of the nearest package.json (yarn, continued line): error',
  ),
  devError({ Procfile: 'release: npm run migrate\nweb: npm run dev\n' }, 'Procfile web runs dev: error'),
  devError(
    { 'ecosystem.config.js': "module.exports = {\n  apps: [{ name: 'api', script: 'npm', args: 'run dev' }],\n};\n" },
    'pm2 ecosystem.config.js runs npm run dev: error',
  ),
  devError(
    { 'deploy/ecosystem.config.json': '{ "apps": [{ "name": "api", "script": "pnpm", "args": ["run", "dev"], "cwd": ".." }] }\n' },
    'pm2 ecosystem.config.json with args array and cwd runs dev: error',
  ),
  devError(
    { Dockerfile: 'FROM node:20 AS base\nWORKDIR /app\nCMD ["npm", "run", "--silent", "dev"]\n\nFROM base\nCOPY . .\nRUN npm ci\n' },
    'the final stage inherits CMD from the stage it is built FROM: error',
  ),
  {
    name: 'the image runs a shell script, but a Procfile runs dev: still an error',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, Dockerfile: 'FROM node:20\nCMD ./server.sh\n', Procfile: 'web: npm run dev\n' },
    errors: [{ messageId: 'devScript', ...devLine, severity: 'error' }],
    output: null,
  },
  {
    name: 'an image that runs a watcher itself says nothing about dev: dev keeps its nudge',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, Dockerfile: 'FROM node:20\nCMD ["nodemon", "src/worker.js"]\n' },
    errors: [{ messageId: 'devScript', ...devLine, severity: 'info' }],
    output: null,
  },
  {
    name: 'the image runs `npm start`, a script that may hold a watcher itself: dev keeps its nudge',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, Dockerfile: 'FROM node:20\nCMD ["npm", "start"]\n' },
    errors: [{ messageId: 'devScript', ...devLine, severity: 'info' }],
    output: null,
  },
  {
    name: 'decap-server develop (check 56): --exec ts-node runs src/other.ts, which start does not run: nudge stays',
    filename: 'package.json',
    code: decapDevelopOther,
    files: { 'src/index.ts': SERVER, 'src/other.ts': SERVER },
    errors: [{ messageId: 'devScript', ...at(decapDevelopOther, 'nodemon'), severity: 'info' }],
    output: null,
  },
  {
    name: 'a Dockerfile named for development (dev.Dockerfile, Dockerfile.dev) runs dev: it stays information',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, 'dev.Dockerfile': 'FROM node:20\nCMD npm run dev\n', 'Dockerfile.dev': 'FROM node:20\nCMD ["npm", "run", "dev"]\n' },
    errors: [{ messageId: 'devScript', ...devLine, severity: 'info' }],
    output: null,
  },
  {
    name: 'a Dockerfile for another package does not raise this one',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, 'services/billing/package.json': pkg({ start: 'node index.js' }), 'services/billing/Dockerfile': 'FROM node:20\nCMD npm run dev\n' },
    errors: [{ messageId: 'devScript', ...devLine, severity: 'info' }],
    output: null,
  },
  {
    name: 'start runs a different entry than the one dev watches: dev still gets the sibling nudge',
    filename: 'package.json',
    code: devBesideOtherStart,
    files: { 'src/server.ts': SERVER, 'src/worker.ts': 'setInterval(() => {}, 1000);\n' },
    errors: [{ message: devMessage('dev', 'ts-node-dev', 'ts-node src/server.ts'), ...at(devBesideOtherStart, 'ts-node-dev'), severity: 'info' }],
    output: null,
  },
  {
    name: 'start runs the built entry once, but the image runs dev itself: an error, the fix only offered',
    filename: 'package.json',
    code: devBesideStartRunByImage,
    files: { 'src/server.js': SERVER, Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["npm", "run", "dev"]\n' },
    errors: [{
      message: productionMessage('dev', 'nodemon', 'A Dockerfile, Procfile or pm2 app runs it', 'node src/server.js'),
      ...at(devBesideStartRunByImage, 'nodemon'),
      severity: 'error',
      suggestions: [{ title: 'Run without the watcher: `node src/server.js`', output: devBesideStartRunByImage.replace('nodemon src', 'node src') }],
    }],
    output: null,
  },
  {
    name: 'a watcher whose --exec rebuilds and runs node itself: no script runs it once, so the nudge stays',
    filename: 'package.json',
    code: devExecRunsNode,
    errors: [{ message: devMessage('dev', 'nodemon', 'npm run build && node dist/bin/server.js'), ...at(devExecRunsNode, 'nodemon'), severity: 'info' }],
    output: null,
  },
  {
    name: 'a Procfile process that runs a watcher itself: error in the Procfile, fixed',
    filename: 'Procfile',
    code: 'release: npm run migrate\nweb: nodemon --watch src server.js\nworker: node worker.js\n',
    errors: [{ message: procfileMessage('web', 'nodemon', 'node server.js'), line: 2, column: 6, endLine: 2, endColumn: 13, severity: 'error' }],
    output: 'release: npm run migrate\nweb: node server.js\nworker: node worker.js\n',
  },
  {
    name: 'a Procfile with CRLF line ends: exact range on the second line',
    filename: 'Procfile',
    code: 'worker: node dist/worker.js\r\nweb: NODE_ENV=production tsx watch src/server.ts\r\n',
    errors: [{ messageId: 'procfileProcess', data: { process: 'web', watcher: 'tsx watch', command: 'tsx src/server.ts' }, line: 2, column: 26, endLine: 2, endColumn: 35, severity: 'error' }],
    output: 'worker: node dist/worker.js\r\nweb: NODE_ENV=production tsx src/server.ts\r\n',
  },
  {
    name: 'pm2 ecosystem.config.js with watch: true: warning at the property, suggestion to turn it off',
    filename: 'ecosystem.config.js',
    code: "module.exports = {\n  apps: [\n    { name: 'orders-api', script: 'dist/server.js', watch: true, max_memory_restart: '512M' },\n  ],\n};\n",
    errors: [{
      message: pm2Message('orders-api'),
      line: 3, column: 53, endLine: 3, endColumn: 64,
      severity: 'warn',
      suggestions: [{
        title: 'Set `watch: false`',
        output: "module.exports = {\n  apps: [\n    { name: 'orders-api', script: 'dist/server.js', watch: false, max_memory_restart: '512M' },\n  ],\n};\n",
      }],
    }],
    output: null,
  },
  {
    name: 'pm2 ecosystem.config.json with watch: true, app without a name',
    filename: 'ecosystem.config.json',
    code: '{\n  "apps": [\n    { "script": "dist/server.js" },\n    { "script": "dist/worker.js", "watch": true }\n  ]\n}\n',
    errors: [{
      messageId: 'pm2Watch', data: { app: 'apps[1]' },
      line: 4, column: 35, endLine: 4, endColumn: 48,
      severity: 'warn',
      suggestions: [{
        title: 'Set `watch: false`',
        output: '{\n  "apps": [\n    { "script": "dist/server.js" },\n    { "script": "dist/worker.js", "watch": false }\n  ]\n}\n',
      }],
    }],
    output: null,
  },
  {
    name: 'pm2 ecosystem.config.cjs exporting a named const',
    filename: 'ecosystem.config.cjs',
    code: "const config = {\n  apps: [{ name: 'worker', script: './dist/worker.js', watch: true }],\n};\n\nmodule.exports = config;\n",
    errors: [{ messageId: 'pm2Watch', data: { app: 'worker' }, line: 2, column: 56, endLine: 2, endColumn: 67, severity: 'warn' }],
    output: null,
  },
  {
    name: 'pm2 ecosystem.config.mjs with export default',
    filename: 'ecosystem.config.mjs',
    code: "export default {\n  apps: [{ name: 'api', script: 'dist/server.js', watch: true }],\n};\n",
    errors: [{ messageId: 'pm2Watch', data: { app: 'api' }, line: 2, column: 51, endLine: 2, endColumn: 62, severity: 'warn' }],
    output: null,
  },
];

const valid: TestCase[] = [
  {
    name: 'a restarter that re-runs the test suite (nodemon -x npm test, --exec mocha) restarts no service',
    filename: 'package.json',
    code: pkg({ start: 'node index.js', test: 'lab --verbose', 'test-watch': 'nodemon -x npm test', 'test:unit:watch': 'nodemon --exec "mocha -R dot"', 'watch:spec': 'nodemon -x npm run test:unit' }),
    files: { 'index.js': SERVER },
  },
  {
    name: 'a watcher whose --exec runs the file `start` already runs once: no nudge (actual-server start-monitor)',
    filename: 'package.json',
    code: devExecBesideStart,
    files: { 'build/app.js': SERVER },
  },
  {
    name: 'watchers on a file the package does not have and on a benchmark are not the service',
    filename: 'package.json',
    code: frameworkPkg,
    files: frameworkFiles,
  },
  {
    name: 'a library whose dev script watches an example server',
    filename: 'package.json',
    code: pkg({ dev: 'nodemon examples/server.js' }, { main: 'lib/index.js' }),
    files: { 'lib/index.js': 'module.exports = {};\n', 'examples/server.js': SERVER },
  },
  ...NON_RESTARTERS.map((n) => ({ name: `${n.example} ${n.does}, never restarts a service`, filename: 'package.json', code: pkg({ start: n.example }) })),
  { name: 'tsc --watch', filename: 'package.json', code: pkg({ start: 'tsc --watch & node dist/server.js' }) },
  { name: 'yarn serve runs a script, not a bin', filename: 'package.json', code: pkg({ start: 'yarn serve', serve: 'node dist/server.js' }) },
  { name: 'start without a watcher', filename: 'package.json', code: pkg({ start: 'node dist/server.js', dev: 'tsx src/server.ts' }) },
  { name: '--watch after the entry belongs to the app', filename: 'package.json', code: pkg({ start: 'node server.js --watch' }) },
  { name: 'nodemon as an argument, not a command', filename: 'package.json', code: pkg({ postinstall: 'npm i -g nodemon', start: 'echo nodemon' }) },
  { name: 'a script named watch says what it is', filename: 'package.json', code: pkg({ watch: 'nodemon src/index.js', 'dev:watch': 'tsx watch src/index.ts', 'build:watch': 'tsc -w' }) },
  { name: 'dev with a dev:once sibling already', filename: 'package.json', code: devScriptWithSibling },
  { name: 'dev whose non-watch twin exists under another name', filename: 'package.json', code: pkg({ dev: 'tsx watch src/server.ts', start: 'tsx src/server.ts' }) },
  {
    name: 'dev watches the source of the file start runs once (src/server -> dist/server.js), and the image runs dist: nothing to add',
    filename: 'package.json',
    code: devBesideBuiltStart,
    files: { 'src/server.ts': SERVER, Dockerfile: 'FROM node:20\nCOPY . .\nRUN npm run build\nCMD ["node", "./dist/server.js"]\n' },
  },
  {
    name: 'an ENTRYPOINT in the final stage clears the CMD it would inherit: the image runs node, so dev is not what runs',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, Dockerfile: 'FROM node:20 AS base\nCMD npm run dev\n\nFROM base\nENTRYPOINT ["node", "dist/server.js"]\n' },
  },
  {
    name: 'a Dockerfile whose dev stage runs dev but whose final stage runs node: dev is not what runs',
    filename: 'package.json',
    code: devForCrossFile,
    files: { 'src/server.js': SERVER, Dockerfile: dockerfileDevStageOnly },
  },
  {
    name: 'the image runs a start shell script, no watcher and no dev script (unleash-proxy, check 59)',
    filename: 'package.json',
    code: unleashDev,
    files: { 'src/start.ts': SERVER, Dockerfile: 'FROM node:20-alpine\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ./server.sh\n' },
  },
  {
    name: 'a Procfile runs the built entry with node: dev is not what runs',
    filename: 'package.json',
    code: unleashDev,
    files: { 'src/start.ts': SERVER, Procfile: 'web: node dist/start.js\n' },
  },
  {
    name: 'nodemon --exec ts-node with the entry after the options, beside start running the built file (decap-server, check 56)',
    filename: 'package.json',
    code: decapDevelop,
    files: { 'src/index.ts': SERVER },
  },
  {
    name: 'a watcher whose --exec runs the start script (npm run build && npm run start): start already runs it once',
    filename: 'package.json',
    code: devExecRunsStart,
    files: { 'src/bin/server.ts': SERVER },
  },
  { name: 'a scripts key that is not package.json scripts', filename: 'package.json', code: JSON.stringify({ name: 'x', config: { scripts: { start: 'nodemon' } } }, null, 2) },
  { name: 'pm2 watch: false', filename: 'ecosystem.config.js', code: "module.exports = { apps: [{ name: 'api', script: 'dist/server.js', watch: false }] };\n" },
  {
    name: 'pm2 watch decided per environment',
    filename: 'ecosystem.config.js',
    code: "module.exports = { apps: [{ name: 'api', script: 'dist/server.js', watch: process.env.NODE_ENV !== 'production' }] };\n",
  },
  { name: 'watch: true in an ordinary module is not pm2', code: "export const options = { watch: true, persistent: false };\n" },
  { name: 'a Dockerfile has no findings of its own', filename: 'Dockerfile', code: 'FROM node:20\nCMD ["npm", "run", "dev"]\n', files: { 'package.json': pkg({ dev: 'nodemon app.js', 'dev:once': 'node app.js' }) } },
  { name: 'a Procfile has no findings of its own', filename: 'Procfile', code: 'web: npm start\n', files: { 'package.json': pkg({ start: 'node app.js' }) } },
  {
    name: 'Dockerfile running start keeps an unrelated dev script information-free when it has a sibling',
    filename: 'package.json',
    code: pkg({ start: 'node dist/server.js', dev: 'tsx watch src/server.ts', 'dev:once': 'tsx src/server.ts' }),
    files: { Dockerfile: 'FROM node:20\nCMD ["npm", "start"]\n' },
  },
];

runRuleTests(rule, { valid, invalid });

test('every message opens with one line under 100 characters, then the why', () => {
  const texts = [productionMessage('serve:production', 'ts-node-dev', START_BY_NAME, 'ts-node src/index.ts'),
    devMessage('start:dev', 'node --watch', 'node dist/main.js'), pm2Message('orders-api-worker'), procfileMessage('worker', 'ts-node-dev', 'x')];
  for (const t of texts) {
    const [first, why] = t.split('\n');
    assert.ok(first.length < 100, `${first.length}: ${first}`);
    assert.ok(why.length > 40);
  }
});

test('every fix and suggestion leaves JSON that parses', () => {
  for (const c of invalid) {
    if (!c.filename?.endsWith('.json')) continue;
    const outputs = [c.output, ...c.errors.flatMap((e) => (e.suggestions ?? []).map((s) => s.output))];
    for (const out of outputs) if (typeof out === 'string') assert.doesNotThrow(() => JSON.parse(out), `${c.name}: ${out}`);
  }
});
