import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../rules/process-manager-limits';
import { runRuleTests } from '../rule-tester';

const pkg = (scripts: Record<string, string>): string =>
  JSON.stringify({ name: 'orders-api', version: '1.0.0', private: true, scripts }, null, 2) + '\n';

const memory = (app: string, value = '1G') =>
  `pm2 app "${app}" has no memory ceiling: add \`max_memory_restart: '${value}'\`.\n` +
  "A memory leak then grows until the kernel's OOM killer ends the process (or the whole host swaps to a " +
  'halt), dropping every request in flight without a graceful stop. With a ceiling below the memory the app ' +
  'is given, pm2 restarts it first.';
const restarts = (app: string, delay = 100, max = 10) =>
  `pm2 app "${app}" has no crash backoff: add \`exp_backoff_restart_delay: ${delay}\`.\n` +
  'pm2 restarts a crashed app at once (`autorestart` is on and `restart_delay` is 0 by default). It gives up ' +
  'only after 16 restarts that each come within `min_uptime` (1 s by default) of the start; an app that ' +
  'crashes after running a few seconds (a database that went away, a request that throws) is restarted ' +
  'forever, as fast as it crashes, hammering its dependencies and burying the first error in the logs. ' +
  `\`exp_backoff_restart_delay: ${delay}\` waits longer after each crash (up to 15 s, reset once the app ` +
  `stays up 30 s); \`max_restarts: ${max}\` ends a start-up crash loop sooner.`;
const devScript = (script: string, run: string, start = 'npm start') =>
  `The image runs the development script "${script}": run \`${start}\` instead.\n` +
  `It runs \`${run}\`. Development scripts run file watchers and workstation settings (inspectors, verbose ` +
  'logs, unbuilt sources); in production they restart the service on file changes and use more memory.';
const devScriptNoStart = (script: string, run: string) =>
  `The image runs the development script "${script}": add a script that runs the service once.\n` +
  `It runs \`${run}\`. Development scripts run file watchers and workstation settings (inspectors, verbose ` +
  'logs, unbuilt sources); in production they restart the service on file changes and use more memory. Add a ' +
  'script that runs the service once (`node dist/server.js`) and run that in the image.';
const watchingScript = (script: string, run: string) =>
  `The image runs script "${script}", which runs a file watcher: make it run the service once.\n` +
  `It runs \`${run}\`. In a container the watcher restarts the service whenever a file under its folders ` +
  `changes (logs, uploads, a mounted volume), dropping requests in flight. Make "${script}" run the service ` +
  'once (`node dist/server.js`, `tsx src/server.ts`).';
const watcher = (label: string, command: string) =>
  `The image runs the service under the file watcher \`${label}\`: run it once instead.\n` +
  'In a container the watcher restarts the service whenever a file under its folders changes (logs, uploads, ' +
  'a mounted volume), dropping requests in flight, and runs it as a child process that costs memory and ' +
  `start-up time. Run it once: \`${command}\`.`;

/** A package that ships a Dockerfile and a Helm chart; `readme` says how it is run. */
const shipsDocker = (readme: string, scripts: Record<string, string> = { start: 'node bin/server.js' }): Record<string, string> => ({
  'package.json': pkg(scripts),
  Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "bin/server.js"]\n',
  'k8s/helm-chart/Chart.yaml': 'apiVersion: v2\nname: svc\n',
  'README.md': readme,
});

const ecosystemJs = `module.exports = {
  apps: [
    {
      name: 'api',
      script: 'dist/server.js',
      instances: 2,
    },
  ],
};
`;

const ecosystemJson = `{
  "apps": [
    {
      "name": "api",
      "script": "dist/server.js"
    }
  ]
}
`;

const ecosystemJsonFixed = `{
  "apps": [
    {
      "name": "api",
      "script": "dist/server.js",
      "max_memory_restart": "1G",
      "exp_backoff_restart_delay": 100,
      "max_restarts": 10
    }
  ]
}
`;

runRuleTests(rule, {
  valid: [
    {
      name: 'pm2 app with a memory ceiling and a restart backoff',
      filename: 'ecosystem.config.js',
      code: `module.exports = {\n  apps: [{ name: 'api', script: 'dist/server.js', max_memory_restart: '512M', exp_backoff_restart_delay: 100 }],\n};\n`,
    },
    {
      name: 'max_restarts alone: the app has a restart policy',
      filename: 'ecosystem.config.cjs',
      code: `module.exports = { apps: [{ name: 'api', script: 'a.js', max_memory_restart: '1G', max_restarts: 5 }] };\n`,
    },
    {
      name: 'a pm2 file beside a Dockerfile and a Helm chart, that nothing runs or mentions, is not the deployment',
      filename: 'ecosystem.config.js',
      code: ecosystemJs,
      files: shipsDocker('# svc\n\nRun it with `docker run svc` or the Helm chart in k8s/.\n'),
    },
    {
      name: 'restart_delay alone bounds the crash loop (JSON)',
      filename: 'ecosystem.config.json',
      code: `{ "apps": [{ "name": "api", "script": "a.js", "max_memory_restart": "1G", "restart_delay": 3000 }] }\n`,
    },
    {
      name: 'autorestart: false needs no restart bound',
      filename: 'ecosystem.config.js',
      code: `module.exports = { apps: [{ name: 'cron', script: 'jobs.js', autorestart: false, max_memory_restart: '256M' }] };\n`,
    },
    {
      name: 'keys spread from shared defaults cannot be seen: quiet',
      filename: 'ecosystem.config.js',
      code: `const defaults = { max_memory_restart: '1G', max_restarts: 10 };\nmodule.exports = { apps: [{ ...defaults, name: 'api', script: 'a.js' }] };\n`,
    },
    {
      name: 'apps built at run time are not read',
      filename: 'ecosystem.config.js',
      code: `const names = ['a', 'b'];\nmodule.exports = { apps: names.map((name) => ({ name, script: name + '.js' })) };\n`,
    },
    {
      name: 'an object shaped like a pm2 config outside an ecosystem file is not one',
      filename: 'src/config.js',
      code: `module.exports = { apps: [{ name: 'api', script: 'a.js' }] };\n`,
    },
    {
      name: 'Dockerfile running the built service',
      filename: 'Dockerfile',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "dist/server.js"]\n',
      files: { 'package.json': pkg({ start: 'node dist/server.js', dev: 'tsx watch src/server.ts' }) },
    },
    {
      name: 'npm start whose start script runs once',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD ["npm", "start"]\n',
      files: { 'package.json': pkg({ start: 'node dist/server.js', dev: 'nodemon src/server.js' }) },
    },
    {
      name: 'a dev stage before the production stage is not what the image runs',
      filename: 'Dockerfile',
      code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\n\nFROM node:20 AS prod\nCMD ["node", "dist/server.js"]\n',
      files: { 'package.json': pkg({ dev: 'tsx watch src/server.ts' }) },
    },
    {
      name: 'Dockerfile.dev is a workstation image',
      filename: 'Dockerfile.dev',
      code: 'FROM node:20\nCMD ["npm", "run", "dev"]\n',
      files: { 'package.json': pkg({ dev: 'tsx watch src/server.ts' }) },
    },
    {
      name: 'tsc --watch is not a restarter',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD tsc --watch & node dist/server.js\n',
    },
  ],
  invalid: [
    {
      name: 'JS ecosystem app with neither limit: two findings at its brace; the fix adds backoff and cap in the file\'s style',
      filename: 'ecosystem.config.js',
      code: ecosystemJs,
      errors: [
        { message: memory('api'), line: 3, column: 5, endLine: 3, endColumn: 6, severity: 'warn',
          fixes: [{ title: "Add `max_memory_restart: '1G'`", output: ecosystemJs.replace("instances: 2,\n", "instances: 2,\n      max_memory_restart: '1G',\n") }] },
        { message: restarts('api'), line: 3, column: 5, endLine: 3, endColumn: 6, severity: 'warn' },
      ],
      // Both unsafe fixes insert at the app's end: the second pass adds the backoff and cap after the memory limit.
      unsafeOutput: ecosystemJs.replace("instances: 2,\n", "instances: 2,\n      max_memory_restart: '1G',\n      exp_backoff_restart_delay: 100,\n      max_restarts: 10,\n"),
    },
    {
      name: 'JSON ecosystem file: keys quoted, commas placed, still valid JSON',
      filename: 'ecosystem.config.json',
      code: ecosystemJson,
      errors: [
        { messageId: 'noMemoryLimit', line: 3, column: 5,
          fixes: [{ title: "Add `max_memory_restart: '1G'`", output: ecosystemJson.replace('"dist/server.js"\n', '"dist/server.js",\n      "max_memory_restart": "1G"\n') }] },
        { messageId: 'noRestartBound', line: 3, column: 5 },
      ],
      unsafeOutput: ecosystemJsonFixed,
    },
    {
      name: 'one-line app in an ESM ecosystem file with double quotes and no semicolons',
      filename: 'ecosystem.config.mjs',
      code: 'export default {\n  apps: [{ name: "worker", script: "worker.js", max_memory_restart: "300M" }]\n}\n',
      errors: [{ messageId: 'noRestartBound', data: { app: 'worker', delay: 100, max: 10 }, line: 2, column: 10 }],
      unsafeOutput: 'export default {\n  apps: [{ name: "worker", script: "worker.js", max_memory_restart: "300M", exp_backoff_restart_delay: 100, max_restarts: 10 }]\n}\n',
    },
    {
      name: 'apps through a named const, explicit autorestart: true, a comment after the last key',
      filename: 'ecosystem.config.js',
      code: `const apps = [\n  {\n    name: 'api',\n    script: 'a.js',\n    autorestart: true // pm2 default\n  },\n];\nmodule.exports = { apps };\n`,
      errors: [{ messageId: 'noMemoryLimit', line: 2, column: 3 }, { messageId: 'noRestartBound', line: 2, column: 3 }],
      unsafeOutput: `const apps = [\n  {\n    name: 'api',\n    script: 'a.js',\n    autorestart: true, // pm2 default\n    max_memory_restart: '1G',\n    exp_backoff_restart_delay: 100,\n    max_restarts: 10\n  },\n];\nmodule.exports = { apps };\n`,
    },
    {
      name: 'an app with no name is named by its index; configured values are written',
      filename: 'ecosystem.config.js',
      options: { maxRestarts: 3, expBackoffRestartDelay: 500 },
      code: `module.exports = { apps: [{ name: 'api', script: 'a.js', max_memory_restart: '1G', max_restarts: 4 }, { script: 'b.js', max_memory_restart: '1G' }] };\n`,
      errors: [{ messageId: 'noRestartBound', data: { app: 'apps[1]', delay: 500, max: 3 }, line: 1, column: 103 }],
      unsafeOutput: `module.exports = { apps: [{ name: 'api', script: 'a.js', max_memory_restart: '1G', max_restarts: 4 }, { script: 'b.js', max_memory_restart: '1G', exp_backoff_restart_delay: 500, max_restarts: 3 }] };\n`,
    },
    {
      name: 'a pm2 file the Dockerfile runs (pm2-runtime) is the deployment',
      filename: 'ecosystem.config.js',
      code: ecosystemJs,
      files: {
        ...shipsDocker('# svc\n'),
        Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install -g pm2\nCMD ["pm2-runtime", "ecosystem.config.js"]\n',
      },
      errors: [{ messageId: 'noMemoryLimit', line: 3, column: 5 }, { messageId: 'noRestartBound', line: 3, column: 5 }],
      output: null,
      unsafeOutput: ecosystemJs.replace("instances: 2,\n", "instances: 2,\n      max_memory_restart: '1G',\n      exp_backoff_restart_delay: 100,\n      max_restarts: 10,\n"),
    },
    {
      name: 'beside a Dockerfile, a pm2 file the Procfile runs is a deployment',
      filename: 'ecosystem.config.js',
      code: ecosystemJs,
      files: { ...shipsDocker('# svc\n'), Procfile: 'web: pm2-runtime start ecosystem.config.js\n' },
      errors: [{ messageId: 'noMemoryLimit', line: 3, column: 5 }, { messageId: 'noRestartBound', line: 3, column: 5 }],
      output: null,
      unsafeOutput: ecosystemJs.replace("instances: 2,\n", "instances: 2,\n      max_memory_restart: '1G',\n      exp_backoff_restart_delay: 100,\n      max_restarts: 10,\n"),
    },
    {
      name: 'beside a Dockerfile, a pm2 file a package script runs is a deployment',
      filename: 'ecosystem.config.js',
      code: ecosystemJs,
      files: shipsDocker('# svc\n', { start: 'pm2-runtime start ecosystem.config.js' }),
      errors: [{ messageId: 'noMemoryLimit', line: 3, column: 5 }, { messageId: 'noRestartBound', line: 3, column: 5 }],
      output: null,
      unsafeOutput: ecosystemJs.replace("instances: 2,\n", "instances: 2,\n      max_memory_restart: '1G',\n      exp_backoff_restart_delay: 100,\n      max_restarts: 10,\n"),
    },
    {
      name: 'CMD npm run dev with a watch-free start: error at the CMD line, fixed to npm start',
      filename: 'Dockerfile',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["npm", "run", "dev"]\n',
      files: { 'package.json': pkg({ start: 'node dist/server.js', dev: 'tsx watch src/server.ts' }) },
      errors: [{ message: devScript('dev', 'npm run dev'), line: 4, column: 1, endLine: 4, endColumn: 26, severity: 'error' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["npm", "start"]\n',
    },
    {
      name: 'shell-form CMD yarn dev: fixed to yarn start',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD yarn dev\n',
      files: { 'package.json': pkg({ start: 'node server.js', dev: 'nodemon server.js' }) },
      errors: [{ messageId: 'dockerDevScript', data: { script: 'dev', run: 'yarn dev', start: 'yarn start' }, line: 2, column: 1, endLine: 2, endColumn: 13 }],
      output: 'FROM node:20\nCMD yarn start\n',
    },
    {
      name: 'npm run dev where start watches too: no fix, the message says to add a run-once script',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD ["npm", "run", "dev"]\n',
      files: { 'package.json': pkg({ start: 'npm run dev', dev: 'tsx watch src/server.ts' }) },
      errors: [{ message: devScriptNoStart('dev', 'npm run dev'), line: 2, column: 1, severity: 'error' }],
      output: null,
    },
    {
      name: 'npm run start:dev and no start script at all',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD npm run start:dev\n',
      files: { 'package.json': pkg({ 'start:dev': 'nest start --watch' }) },
      errors: [{ messageId: 'dockerDevScriptNoStart', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'CMD npm start whose start script runs tsx watch (as examples/service does)',
      filename: 'Dockerfile',
      code: 'FROM node:20-alpine\nENV NODE_ENV=production\nCMD ["npm", "start"]\n',
      files: { 'package.json': pkg({ start: 'tsx watch src/server.ts', build: 'tsc' }) },
      errors: [{ message: watchingScript('start', 'npm start'), line: 3, column: 1, endLine: 3, endColumn: 21, severity: 'error' }],
      output: null,
    },
    {
      name: 'npm start whose start runs the watcher through another script',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD ["npm", "start"]\n',
      files: { 'package.json': pkg({ start: 'npm run serve', serve: 'cross-env NODE_ENV=production nodemon dist/server.js' }) },
      errors: [{ messageId: 'dockerWatchingScript', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'exec-form nodemon: fixed to node',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD ["nodemon", "dist/server.js"]\n',
      errors: [{ message: watcher('nodemon', 'node dist/server.js'), line: 2, column: 1, endLine: 2, endColumn: 34, severity: 'error' }],
      output: 'FROM node:20\nCMD ["node", "dist/server.js"]\n',
    },
    {
      name: 'shell-form tsx watch behind npx: the watch subcommand is dropped',
      filename: 'Dockerfile',
      code: 'FROM node:20\nCMD npx tsx watch src/server.ts\n',
      errors: [{ messageId: 'dockerWatcher', data: { watcher: 'tsx watch', command: 'tsx src/server.ts' }, line: 2, column: 1 }],
      output: 'FROM node:20\nCMD npx tsx src/server.ts\n',
    },
    {
      name: 'ENTRYPOINT with node --watch, across two lines: reported, no fix across the continuation',
      filename: 'Dockerfile',
      code: 'FROM node:20\nENTRYPOINT node --watch \\\n  dist/server.js\n',
      errors: [{ messageId: 'dockerWatcher', line: 2, column: 1, endLine: 3, endColumn: 17 }],
      output: null,
    },
    {
      name: 'ENTRYPOINT ["npm"] with CMD ["run", "dev"]: reported at the CMD, no fix across instructions',
      filename: 'Dockerfile',
      code: 'FROM node:20\nENTRYPOINT ["npm"]\nCMD ["run", "dev"]\n',
      files: { 'package.json': pkg({ start: 'node server.js', dev: 'node --watch server.js' }) },
      errors: [{ messageId: 'dockerDevScript', data: { script: 'dev', run: 'npm run dev', start: 'npm start' }, line: 3, column: 1 }],
      output: null,
    },
  ],
});

test('every message opens with one line under 100 characters, then the why', () => {
  const texts = [memory('Redis Commander'), restarts('Redis Commander'), devScript('start:dev', 'npm run start:dev', 'npm start'),
    devScriptNoStart('start:dev', 'npm run start:dev'), watchingScript('start:prod', 'npm run start:prod'), watcher('ts-node-dev', 'ts-node src/server.ts')];
  for (const t of texts) {
    const [first, why] = t.split('\n');
    assert.ok(first.length < 100, `${first.length}: ${first}`);
    assert.ok(why.length > 40);
  }
});

test('the fixed JSON ecosystem file is valid JSON with the keys pm2 reads', () => {
  const app = (JSON.parse(ecosystemJsonFixed) as { apps: Record<string, unknown>[] }).apps[0];
  assert.equal(app.max_memory_restart, '1G');
  assert.equal(app.exp_backoff_restart_delay, 100);
  assert.equal(app.max_restarts, 10);
});
