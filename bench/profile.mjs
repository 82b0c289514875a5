// Where the time and memory of a lint run go, per phase and per thread: builds the bundle with
// source maps (--dev), lints each corpus with every rule on under `node --cpu-prof` (worker
// threads inherit the flag) and a heap sampler in every thread (memory-sampler.cjs), then maps
// every profile sample through the source map to the engine phase it belongs to. A second run
// under `--heap-prof` shows what each thread still holds at its end. Restores the production
// build afterwards. Prints Markdown tables and writes bench/profile-results.json.
// Also profiles start-up (`--version` with and without the V8 code cache).
// Usage: node bench/profile.mjs [--corpus ts|js]
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpusSpec, prepareCorpus, WORK } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const ts = createRequire(import.meta.url)('typescript');
const PROFILES = path.join(here, '.cache/profile');
const BUNDLE = path.join(root, 'dist/bundle.js');
const argv = process.argv.slice(2);
const corpora = argv.includes('--corpus') ? [argv[argv.indexOf('--corpus') + 1]] : ['ts', 'js'];
const log = (s) => process.stderr.write(`${s}\n`);

// ---- phases ----

/** Engine modules whose whole run is one phase, wherever they are called from. */
const MODULE_PHASES = {
  'engine/settle.ts': 'settle (cross-file findings)',
  'engine/project-facts.ts': 'settle (cross-file findings)',
  'engine/files.ts': 'discover files, config',
  'engine/config.ts': 'discover files, config',
  'engine/config-schema.ts': 'discover files, config',
  'engine/file-system-facts.ts': 'module resolution',
  'engine/resolve-module.ts': 'module resolution',
  'engine/module-symbols.ts': 'module index (exports)',
  'engine/suppressions.ts': 'directives',
  'engine/generated-code.ts': 'generated-file check',
  'engine/lint-cache.ts': 'cache',
  'engine/worker-pool.ts': 'worker messaging',
  'engine/lint-worker.ts': 'worker messaging',
  'engine/lint-project.ts': 'lint project (main thread)',
};
/** Functions of engine/lint-file.ts and the phases they are. */
const LINT_FILE_PHASES = {
  setParents: 'setParents',
  parse: 'parse',
  reparse: 'parse',
  firstSyntaxError: 'parse',
  walk: 'walk (dispatch to handlers)',
  buildDispatch: 'rules: create (per file)',
  lintFile: 'lint file (other)',
};
/** Phases that own everything under them, however deep. */
const OUTER = new Set(['settle (cross-file findings)', 'output', 'discover files, config', 'cache']);

/** The classifier of one profile node's frame: a phase, 'fs', or undefined (transparent). */
function frameClass(frame, where) {
  const { functionName: name, url } = frame;
  if (url.startsWith('node:fs') && /^(read|open|close|stat|fstat|tryStat|tryRead|tryCreateBuffer|tryReadSync)/.test(name)) return 'fs';
  if (!where) return url.endsWith('code-cache.js') ? 'start-up (load and evaluate the bundle)' : undefined;
  const { source, fn } = where;
  if (source.endsWith('typescript.js')) {
    return /^(createSourceFile|parseJsonText|updateSourceFile)$/.test(name) ? 'parse' : undefined;
  }
  if (source === 'engine/lint-file.ts') return LINT_FILE_PHASES[fn] ?? 'lint file (other)';
  if (source === 'engine/text.ts') return fn === 'computeLineStarts' ? 'line starts' : undefined;
  if (MODULE_PHASES[source]) return MODULE_PHASES[source];
  const rule = /^rules\/([^/.]+)/.exec(source)?.[1];
  if (rule && rule !== 'shared' && rule !== 'index') return `rule: ${rule}`;
  if (source.startsWith('cli/formats/') || source === 'cli/source-texts.ts') return 'output';
  return undefined;
}

/** A sample's phase from its stack (leaf first). */
function classifyStack(stack) {
  const leaf = stack[0].frame.functionName;
  if (leaf === '(garbage collector)') return 'GC';
  if (leaf === '(program)') return '(program: V8 compile, runtime)';
  if (leaf === '(idle)') return '(idle)';
  const classes = stack.map((n) => n.class);
  const outer = classes.find((c) => OUTER.has(c));
  if (outer) return outer;
  let fsSeen = false;
  for (const c of classes) {
    if (c === undefined) continue;
    if (c === 'fs') {
      fsSeen = true;
      continue;
    }
    if (fsSeen && c === 'lint file (other)') return 'read files';
    return c;
  }
  return fsSeen ? 'read files' : 'other (Node, libraries)';
}

// ---- source positions ----

let sourceMap;
const outlines = new Map();
/** The original source and outermost named function of a bundle position, or undefined. */
function locate(frame) {
  if (!frame.url || !frame.url.endsWith(path.join('dist', 'bundle.js'))) return undefined;
  sourceMap ??= new SourceMap(JSON.parse(fs.readFileSync(`${BUNDLE}.map`, 'utf8')));
  const e = sourceMap.findEntry(frame.lineNumber, frame.columnNumber);
  if (!e || !e.originalSource) return undefined;
  const abs = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : path.resolve(path.dirname(BUNDLE), e.originalSource);
  const source = path.relative(root, abs).split(path.sep).join('/');
  if (source.includes('node_modules/')) return { source: source.slice(source.lastIndexOf('node_modules/') + 13), fn: frame.functionName };
  return { source, fn: outermostFunction(abs, e.originalLine) };
}

/** Name of the top-level function, or Class.method, around a 0-based line of a source file. */
function outermostFunction(file, line) {
  let outline = outlines.get(file);
  if (!outline) {
    outline = [];
    if (fs.existsSync(file)) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const add = (node, name) => outline.push({ from: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line, to: sf.getLineAndCharacterOfPosition(node.end).line, name });
      for (const st of sf.statements) {
        if (ts.isFunctionDeclaration(st) && st.name) add(st, st.name.text);
        else if (ts.isClassDeclaration(st)) {
          for (const m of st.members) if (m.name && ts.isIdentifier(m.name)) add(m, `${st.name?.text ?? 'class'}.${m.name.text}`);
        } else if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) add(d, d.name.text);
        }
      }
    }
    outlines.set(file, outline);
  }
  return outline.find((o) => o.from <= line && line <= o.to)?.name ?? '(top level)';
}

// ---- start-up ----

/** What a start-up sample is spent on, by the innermost frame that says (leaf first). */
function startupBucket(stack) {
  const leaf = stack[0].callFrame.functionName;
  if (leaf === '(garbage collector)') return 'GC';
  if (leaf === '(program)') return '(program: V8 compile, runtime)';
  if (leaf === '(idle)') return '(idle)';
  for (const { callFrame: f } of stack) {
    if (f.url === 'node:vm' && f.functionName === 'Script') return 'compile the bundle (V8, with the code cache when there is one)';
    if (f.functionName === 'createCachedData') return 'write the code cache';
    if (f.url.startsWith('node:fs')) return 'read the bundle and code cache';
    const where = locate(f);
    if (where) {
      if (where.source.endsWith('typescript.js')) return 'evaluate: the TypeScript compiler';
      if (where.source.startsWith('@ts-morph/') || where.source.startsWith('ts-morph/')) return 'evaluate: ts-morph';
      if (where.source.startsWith('rules/')) return 'evaluate: rules';
      if (where.source.startsWith('vscode-')) return 'evaluate: vscode-languageserver';
      if (/^(engine|cli|server|shared|scripts)\//.test(where.source)) return 'evaluate: engine and CLI';
      return 'evaluate: other libraries';
    }
    if (f.url.endsWith('code-cache.js')) return 'launcher (code-cache.js)';
  }
  return 'Node bootstrap and module loader';
}

function analyzeStartupProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c).parent = n;
  const ms = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const stack = [];
    for (let n = byId.get(profile.samples[i]); n; n = n.parent) stack.push(n);
    const b = startupBucket(stack);
    const next = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1] : 0;
    ms[b] = (ms[b] ?? 0) + next / 1000;
  }
  return { totalMs: (profile.endTime - profile.startTime) / 1000, buckets: ms };
}

/** `--version`: wall times (median of 5) of bare Node and of the CLI with and without a code cache, and a profile of each. */
function profileStartup() {
  const dir = path.join(PROFILES, 'startup');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cli = path.join(root, 'dist/cli.js');
  const time = (args, env = {}) => {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    return performance.now() - t0;
  };
  const median5 = (f) => [f(), f(), f(), f(), f()].sort((a, b) => a - b)[2];
  const fresh = () => fs.mkdtempSync(path.join(dir, 'tmp-'));
  const result = {
    nodeBareMs: median5(() => time(['-e', '0'])),
    versionWarmMs: median5(() => time([cli, '--version'])),
    versionColdMs: median5(() => time([cli, '--version'], { TMPDIR: fresh() })),
  };
  time(['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'warm'), cli, '--version']);
  time(['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'cold'), cli, '--version'], { TMPDIR: fresh() });
  for (const kind of ['warm', 'cold']) {
    const [f] = fs.readdirSync(path.join(dir, kind));
    result[`${kind}Profile`] = analyzeStartupProfile(path.join(dir, kind, f));
  }
  return result;
}

function printStartup(r) {
  console.log(`\nstart-up, \`node dist/cli.js --version\` (median of 5): bare Node ${r.nodeBareMs.toFixed(0)} ms; with the code cache ${r.versionWarmMs.toFixed(0)} ms; without ${r.versionColdMs.toFixed(0)} ms`);
  const buckets = [...new Set([...Object.keys(r.warmProfile.buckets), ...Object.keys(r.coldProfile.buckets)])];
  const rows = buckets.map((b) => [b, (r.warmProfile.buckets[b] ?? 0).toFixed(0), (r.coldProfile.buckets[b] ?? 0).toFixed(0)]).sort((a, b) => Number(b[1]) - Number(a[1]));
  console.log(['| where (profiled, ms) | code cache | no code cache |', '|---|---:|---:|', ...rows.map((row) => `| ${row.join(' | ')} |`), `| total profiled | ${r.warmProfile.totalMs.toFixed(0)} | ${r.coldProfile.totalMs.toFixed(0)} |`].join('\n'));
}

// ---- profiles ----

function analyzeCpuProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c).parent = n;
  const phaseOf = new Map();
  const phase = (node) => {
    let p = phaseOf.get(node.id);
    if (p === undefined) {
      const stack = [];
      for (let n = node; n; n = n.parent) {
        n.class ??= frameClass(n.callFrame, locate(n.callFrame)) ?? null;
        stack.push({ frame: n.callFrame, class: n.class ?? undefined });
      }
      p = classifyStack(stack);
      phaseOf.set(node.id, p);
    }
    return p;
  };
  const ms = {};
  const rules = {};
  let t = profile.startTime;
  let firstLintUs;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? profile.timeDeltas[i + 1] : 0;
    const p = phase(byId.get(profile.samples[i]));
    ms[p] = (ms[p] ?? 0) + next / 1000;
    if (firstLintUs === undefined && (p === 'read files' || p === 'parse')) firstLintUs = t;
  }
  for (const [p, v] of Object.entries(ms)) if (p.startsWith('rule: ')) rules[p.slice(6)] = v;
  const busy = Object.entries(ms).filter(([p]) => p !== '(idle)').reduce((n, [, v]) => n + v, 0);
  return {
    startUs: profile.startTime,
    endUs: profile.endTime,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy,
    idleMs: ms['(idle)'] ?? 0,
    // Thread start to its first file read or parsed: loading the bundle and the rules.
    toFirstFileMs: firstLintUs === undefined ? undefined : (firstLintUs - profile.startTime) / 1000,
    phases: ms,
    rules,
  };
}

function analyzeHeapProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bytes = {};
  const visit = (node, stack) => {
    node.class ??= frameClass(node.callFrame, locate(node.callFrame)) ?? null;
    const s = [{ frame: node.callFrame, class: node.class ?? undefined }, ...stack];
    if (node.selfSize) {
      const p = classifyStack(s);
      bytes[p] = (bytes[p] ?? 0) + node.selfSize;
    }
    for (const c of node.children ?? []) visit(c, s);
  };
  visit(profile.head, []);
  return Object.fromEntries(Object.entries(bytes).map(([p, b]) => [p, b / 2 ** 20]));
}

/** Runs `node [flags] dist/cli.js …` and samples its RSS every 20 ms; resolves with the samples. */
function runSampled(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    const rss = [];
    const timer = setInterval(() => {
      try {
        const kib = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
        if (kib) rss.push({ dateMs: Date.now(), mib: kib / 1024 });
      } catch {
        // exited between two samples
      }
    }, 20);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code !== 0 && code !== 1) reject(new Error(`lint exited with ${code}`));
      else resolve(rss);
    });
  });
}

// ---- the run ----

function writeConfig() {
  const listing = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), '--list-rules', '--format', 'json'], { encoding: 'utf8' }));
  const rules = Object.fromEntries(listing.map((r) => [r.id, r.defaultSeverity === 'off' ? 'warn' : r.defaultSeverity]));
  const file = path.join(WORK, 'profile.stability-lint.config.json');
  fs.writeFileSync(file, `${JSON.stringify({ root: true, lintSupportFiles: true, rules }, null, 2)}\n`);
  return file;
}

const results = { date: new Date().toISOString(), node: process.version, corpora: {} };
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--dev'], { cwd: root, stdio: 'inherit' });
try {
  const config = writeConfig();
  const spec = loadCorpusSpec();
  execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), '--version'], { stdio: 'ignore' }); // a warm code cache
  results.startup = profileStartup();
  printStartup(results.startup);
  for (const name of corpora) {
    const files = prepareCorpus(name, spec[name], { log });
    const workspace = path.join(WORK, name);
    const dir = path.join(PROFILES, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const lintArgs = [path.join(root, 'dist/cli.js'), '--config', config, '--format', 'json', '--output-file', path.join(dir, 'report.json'), workspace];
    // Once unprofiled, so every thread starts from a warm V8 code cache as users' runs do.
    await runSampled(lintArgs, {});
    log(`profile ${name}: ${files.length} files, --cpu-prof`);
    const memoryLog = path.join(dir, 'memory.jsonl');
    const rss = await runSampled(['--cpu-prof', '--cpu-prof-dir', dir, '--require', path.join(here, 'memory-sampler.cjs'), ...lintArgs], { SL_MEMORY_LOG: memoryLog });
    const heapDir = path.join(dir, 'heap');
    log(`profile ${name}: --heap-prof`);
    await runSampled(['--heap-prof', '--heap-prof-dir', heapDir, ...lintArgs], {});

    // CPU.<date>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread.
    const threads = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => ({ f, tid: Number(f.split('.').at(-3)) })).sort((a, b) => a.tid - b.tid);
    const cpu = threads.map(({ f, tid }) => ({ thread: tid === 0 ? 'main' : `worker ${tid}`, ...analyzeCpuProfile(path.join(dir, f)) }));
    const heap = fs.readdirSync(heapDir).filter((f) => f.endsWith('.heapprofile')).map((f) => ({ tid: Number(f.split('.').at(-3)), f })).sort((a, b) => a.tid - b.tid)
      .map(({ f, tid }) => ({ thread: tid === 0 ? 'main' : `worker ${tid}`, retainedAtExitMiB: analyzeHeapProfile(path.join(heapDir, f)) }));
    const memory = fs.readFileSync(memoryLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    results.corpora[name] = { files: files.length, cpu, heap, memory: memoryByPhase(cpu, memory, rss) };
    printCorpus(name, files.length, results.corpora[name]);
  }
} finally {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
}
fs.writeFileSync(path.join(here, 'profile-results.json'), `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote bench/profile-results.json; profiles in ${path.relative(root, PROFILES)}`);

/**
 * Peak process RSS and per-thread heap within each stretch of the main thread's run (start-up,
 * discovery, the lint while workers run, settling, output), lined up through the clock pair.
 */
function memoryByPhase(cpu, memory, rss) {
  const main = memory.find((m) => m.thread === 'main');
  const toMono = (dateMs) => main.clock.monoUs + (dateMs - main.clock.dateMs) * 1000;
  const mainCpu = cpu.find((c) => c.thread === 'main');
  const workers = cpu.filter((c) => c.thread !== 'main');
  // Workers run from the first one's start to the last one's end.
  const lintFrom = Math.min(...workers.map((w) => w.startUs));
  const lintTo = Math.max(...workers.map((w) => w.endUs));
  const stretches = [
    ['start-up and discovery', mainCpu.startUs, lintFrom],
    ['linting (worker threads)', lintFrom, lintTo],
    ['settle and output', lintTo, mainCpu.endUs],
  ];
  return {
    peakRssMiB: Math.max(...rss.map((r) => r.mib)),
    threads: memory.map((m) => ({ thread: m.thread, peakHeapUsedMiB: m.peak.usedMiB, peakHeapTotalMiB: m.peak.totalMiB, peakExternalMiB: m.peak.externalMiB })),
    stretches: stretches.map(([what, from, to]) => {
      const inside = rss.filter((r) => toMono(r.dateMs) >= from && toMono(r.dateMs) <= to);
      const heapOf = (m) => Math.max(0, ...m.timeline.filter((row) => row.monoUs >= from && row.monoUs <= to).map((row) => row.totalMiB));
      return {
        what,
        ms: (to - from) / 1000,
        peakRssMiB: inside.length ? Math.max(...inside.map((r) => r.mib)) : undefined,
        peakHeapTotalMiB: Object.fromEntries(memory.map((m) => [m.thread, heapOf(m)])),
      };
    }),
  };
}

function printCorpus(name, files, r) {
  const table = (header, rows) => [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const phases = [...new Set(r.cpu.flatMap((c) => Object.keys(c.phases)))].filter((p) => !p.startsWith('rule: ') && p !== '(idle)');
  const sumRules = (c) => Object.values(c.rules).reduce((n, v) => n + v, 0);
  const rows = phases.map((p) => [p, ...r.cpu.map((c) => cell(c.phases[p] ?? 0, c.busyMs))]);
  rows.push(['rules: handlers (all)', ...r.cpu.map((c) => cell(sumRules(c), c.busyMs))]);
  rows.sort((a, b) => parseFloat(b[2] ?? b[1]) - parseFloat(a[2] ?? a[1]));
  rows.push(['**busy (CPU)**', ...r.cpu.map((c) => `${c.busyMs.toFixed(0)} ms`)], ['idle (waiting)', ...r.cpu.map((c) => `${c.idleMs.toFixed(0)} ms`)], ['thread start → first file', ...r.cpu.map((c) => (c.toFirstFileMs === undefined ? '' : `${c.toFirstFileMs.toFixed(0)} ms`))]);
  console.log(`\n${name} corpus, ${files} files: CPU per phase and thread (ms, % of the thread's busy time)\n${table(['phase', ...r.cpu.map((c) => c.thread)], rows)}`);
  const ruleNames = [...new Set(r.cpu.flatMap((c) => Object.keys(c.rules)))];
  const ruleRows = ruleNames.map((id) => [id, ...r.cpu.map((c) => cell(c.rules[id] ?? 0, c.busyMs))]).sort((a, b) => parseFloat(b[2] ?? b[1]) - parseFloat(a[2] ?? a[1]));
  console.log(`\n${name}: each rule's handlers\n${table(['rule', ...r.cpu.map((c) => c.thread)], ruleRows)}`);
  console.log(`\n${name}: memory (peak RSS of the process ${r.memory.peakRssMiB.toFixed(0)} MiB)\n${table(['stretch of the run', 'ms', 'peak RSS MiB', ...r.memory.threads.map((t) => `${t.thread} heap MiB`)], r.memory.stretches.map((s) => [s.what, s.ms.toFixed(0), s.peakRssMiB?.toFixed(0) ?? '', ...r.memory.threads.map((t) => s.peakHeapTotalMiB[t.thread].toFixed(0))]))}`);
  console.log(`\n${table(['thread', 'peak heap used MiB', 'peak heap total MiB', 'peak external MiB'], r.memory.threads.map((t) => [t.thread, t.peakHeapUsedMiB.toFixed(0), t.peakHeapTotalMiB.toFixed(0), t.peakExternalMiB.toFixed(0)]))}`);
  for (const h of r.heap) {
    const top = Object.entries(h.retainedAtExitMiB).sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`\n${name}: ${h.thread}, live at exit by allocating phase (sampled): ${top.map(([p, v]) => `${p} ${v.toFixed(1)} MiB`).join(', ')}`);
  }
}

function cell(ms, total) {
  return `${ms.toFixed(0)} (${((100 * ms) / total).toFixed(1)}%)`;
}
