// `npm run bench`: whole-process wall time, CPU and peak RSS of stability-lint against the
// parse floor, ESLint + typescript-eslint (no types) and Biome on the pinned corpus, each
// contender a separate process, measured with GNU time, runs alternated A B C A B C … so load
// on a shared machine falls on every contender alike; medians and ratios to the single-thread
// parse floor of the same run. Then the --cache runs, the findings comparison without each
// speed-up (compare-findings.mjs), ~20,000 files (the corpora repeated), the npm package
// (package.mjs) and the editor (editor.mjs), and every target of issue 13 judged on the figures
// (targets.mjs). Prints the tables and writes bench/results.json.
// Usage: node bench/run.mjs [--rounds n] [--corpus ts|js] [--no-peers] [--no-scaling] [--no-cache-run]
//   [--no-compare-findings] [--no-large] [--large-copies 1,2,5] [--large-rounds 3] [--no-package]
//   [--no-editor] [--no-build]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFindings, ENGINE_SPEED_UPS } from './compare-findings.mjs';
import { corpusFiles, loadCorpusSpec, prepareCorpus, SUBSETS, WORK } from './corpus.mjs';
import { measurePackage } from './package.mjs';
import { evaluateTargets, FLOOR, targetsTable } from './targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const TIME = '/usr/bin/time';
const OUT = path.join(WORK, 'out');
const BIOME_VERSION = '2.6.8';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const rounds = Number(opt('--rounds', 5));
const corpora = opt('--corpus') ? [opt('--corpus')] : ['ts', 'js'];
const withPeers = !argv.includes('--no-peers');
const withScaling = !argv.includes('--no-scaling');
const withCacheRun = !argv.includes('--no-cache-run');
const withCompare = !argv.includes('--no-compare-findings');
const withLarge = !argv.includes('--no-large');
const largeCopies = String(opt('--large-copies', '1,2,5')).split(',').map(Number);
const largeRounds = Number(opt('--large-rounds', 3));
const withPackage = !argv.includes('--no-package');
const withEditor = !argv.includes('--no-editor');
const log = (s) => process.stderr.write(`${s}\n`);

if (!fs.existsSync(TIME)) {
  log('bench: GNU time is needed at /usr/bin/time (Debian/Ubuntu: apt-get install time; macOS: brew install gnu-time and link gtime there).');
  process.exit(2);
}
if (!argv.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const cli = path.join(root, 'dist/cli.js');
const biome = findBiomeBinary();
fs.mkdirSync(OUT, { recursive: true });

const spec = loadCorpusSpec();
const results = {
  machine: machine(),
  date: new Date().toISOString(),
  rounds,
  corpora: {},
  scaling: {},
  cache: {},
  findingsCompare: {},
};
const configs = {};

for (const name of corpora) {
  const files = prepareCorpus(name, spec[name], { log });
  const workspace = path.join(WORK, name);
  const config = (configs[name] = writeLintConfig(name));
  const lines = files.reduce((n, f) => n + lineCount(f), 0);
  log(`\n${name}: ${files.length} files, ${lines} lines; ${rounds} rounds`);

  const contenders = [
    floor(FLOOR, `${name}.files.json`, 1),
    floor('parse floor (2 workers)', `${name}.files.json`, 2),
    floor('parse + walk (2 workers)', `${name}.files.json`, 2, true),
    stabilityLint('stability-lint', workspace, config, name),
    // The engine as it was before issue 13's speed-ups, for their before/after in the same run.
    stabilityLint('stability-lint, engine speed-ups off', workspace, config, `${name}-without`, { STABILITY_LINT_WITHOUT: ENGINE_SPEED_UPS.join(',') }),
  ];
  if (withPeers) {
    contenders.push(eslint(workspace, name));
    if (biome) contenders.push(biomeLint(workspace));
    else log('  (Biome: could not install its native binary for this platform; skipped)');
  }
  const measured = alternate(contenders, rounds);
  results.corpora[name] = { files: files.length, lines, contenders: summarize(measured, FLOOR) };
  for (const c of contenders) if (c.findings) results.corpora[name].contenders[c.name].findings = c.findings();
  printTable(`${name} corpus: ${files.length} files, ${lines.toLocaleString('en')} lines`, results.corpora[name].contenders);

  if (withScaling) {
    const rows = [];
    for (const size of [...SUBSETS, files.length]) {
      const set = size === files.length ? name : `${name}-${size}`;
      const list = corpusFiles(set);
      const measuredSize = alternate([
        floor(FLOOR, `${set}.files.json`, 1),
        stabilityLint('stability-lint', path.join(WORK, set), config, set),
      ], rounds);
      const s = summarize(measuredSize, FLOOR);
      rows.push({ files: list.length, floor: s[FLOOR].median, lint: s['stability-lint'].median, ratio: s['stability-lint'].ratio });
    }
    results.scaling[name] = rows;
    printScaling(name, rows);
  }

  if (withCacheRun) {
    results.cache[name] = cacheRun(name, workspace, config, files);
    if (results.cache[name]) printCache(name, results.cache[name]);
  }

  if (withCompare) {
    // The baseline is the last measured run's report: the linter as shipped, every speed-up on.
    const baselineReport = JSON.parse(fs.readFileSync(path.join(OUT, `stability-lint-${name}.json`), 'utf8'));
    results.findingsCompare[name] = compareFindings({ workspace, config, out: OUT, label: name, baselineReport, log });
  }
}

if (withLarge) {
  results.large = largeRun(configs.ts ?? configs.js ?? writeLintConfig('large'));
  printLarge(results.large);
}
if (withPackage) results.package = measurePackage({ log });
if (withEditor) {
  execFileSync(process.execPath, [path.join(here, 'editor.mjs'), '--no-build'], { cwd: root, stdio: 'inherit' });
  results.editor = JSON.parse(fs.readFileSync(path.join(here, 'editor-results.json'), 'utf8'));
}

results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
results.targets = evaluateTargets(results);
console.log(`\nTargets (issue 13)\n${targetsTable(results.targets)}`);
fs.writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${path.relative(process.cwd(), path.join(here, 'results.json'))}`);

// ---- contenders ----

function floor(label, list, workers, walk = false) {
  const args = [path.join(here, 'parse-floor.mjs'), path.join(WORK, list), '--workers', String(workers)];
  if (walk) args.push('--walk');
  return { name: label, cmd: process.execPath, args };
}

function stabilityLint(label, workspace, config, set, env = {}) {
  const out = path.join(OUT, `stability-lint-${set}.json`);
  return {
    name: label,
    env,
    cmd: process.execPath,
    args: [cli, '--config', config, '--format', 'json', '--output-file', out, workspace],
    okCodes: [0, 1],
    findings: () => countEslintStyle(out),
  };
}

function eslint(workspace, set) {
  const out = path.join(OUT, `eslint-${set}.json`);
  return {
    name: 'ESLint + typescript-eslint (no types)',
    cmd: process.execPath,
    args: [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--config', path.join(here, 'peers/eslint.config.mjs'), '--format', 'json', '--output-file', out, workspace],
    okCodes: [0, 1],
    findings: () => countEslintStyle(out),
  };
}

function biomeLint(workspace) {
  return {
    name: 'Biome (2 threads)',
    cmd: biome,
    args: ['lint', '--config-path', path.join(here, 'peers'), '--max-diagnostics=0', '--reporter=summary', workspace],
    env: { RAYON_NUM_THREADS: '2' },
    okCodes: [0, 1],
  };
}

/**
 * The native Biome binary (the npm `biome` wrapper would add a Node start-up to Biome's time),
 * installed into bench/.cache/peers: the project does not depend on Biome.
 */
function findBiomeBinary() {
  const prefix = path.join(here, '.cache/peers');
  const find = () => {
    const dir = path.join(prefix, 'node_modules/@biomejs');
    if (!fs.existsSync(dir)) return undefined;
    return fs.readdirSync(dir).map((d) => path.join(dir, d, 'biome')).find((bin) => path.basename(path.dirname(bin)).startsWith('cli-') && fs.existsSync(bin));
  };
  if (!find()) {
    try {
      execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, `@biomejs/biome@${BIOME_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      return undefined;
    }
  }
  return find();
}

/**
 * A config with every rule on (rules off by default at `warn`), outside the workspace so no tool
 * lints it. `lintSupportFiles`: the corpus keeps the tests and scripts packages ship, which
 * stability-lint skips by default; every contender lints exactly the same files.
 */
function writeLintConfig(name) {
  const listing = JSON.parse(execFileSync(process.execPath, [cli, '--list-rules', '--format', 'json'], { encoding: 'utf8' }));
  const rules = Object.fromEntries(listing.map((r) => [r.id, r.defaultSeverity === 'off' ? 'warn' : r.defaultSeverity]));
  const file = path.join(WORK, `${name}.stability-lint.config.json`);
  fs.writeFileSync(file, `${JSON.stringify({ root: true, lintSupportFiles: true, rules }, null, 2)}\n`);
  return file;
}

// ---- measuring ----

/** Runs every contender once per round, in the same order each round; returns runs per contender. */
function alternate(contenders, n) {
  const runs = new Map(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < n; r++) {
    for (const c of contenders) {
      const m = measure(c);
      runs.get(c.name).push(m);
      log(`  round ${r + 1}/${n}  ${c.name.padEnd(40)} ${m.wall.toFixed(2)} s wall  ${m.cpu.toFixed(2)} s cpu  ${m.rssMiB.toFixed(0)} MiB`);
    }
  }
  return runs;
}

function measure(c) {
  const stats = path.join(OUT, 'time.txt');
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', stats, c.cmd, ...c.args], {
    cwd: root,
    env: { ...process.env, ...c.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ok = c.okCodes ?? [0];
  if (!ok.includes(r.status ?? -1)) {
    throw new Error(`${c.name} failed (exit ${r.status}): ${c.cmd} ${c.args.join(' ')}\n${r.stderr.slice(-2000)}`);
  }
  // GNU time appends "Command exited with non-zero status n" before the figures.
  const last = fs.readFileSync(stats, 'utf8').trim().split('\n').pop();
  const [wall, user, sys, rssKiB] = last.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMiB: rssKiB / 1024 };
}

function summarize(runs, floorName) {
  const out = {};
  for (const [name, list] of runs) {
    out[name] = {
      runs: list,
      median: {
        wall: median(list.map((m) => m.wall)),
        cpu: median(list.map((m) => m.cpu)),
        rssMiB: median(list.map((m) => m.rssMiB)),
      },
    };
  }
  const base = out[floorName].median;
  for (const s of Object.values(out)) {
    s.ratio = { wall: s.median.wall / base.wall, cpu: s.median.cpu / base.cpu, rss: s.median.rssMiB / base.rssMiB };
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- --cache: a full run, then one file changed, then nothing changed ----

function cacheRun(name, workspace, config, files) {
  const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  if (!help.includes('--cache')) {
    log(`  (--cache: the CLI has no --cache flag yet; skipped)`);
    return undefined;
  }
  const cacheLocation = path.join(OUT, `${name}.cache`);
  const changed = files[Math.floor(files.length / 2)];
  const original = fs.readFileSync(changed, 'utf8');
  const lint = {
    name: 'stability-lint --cache',
    cmd: process.execPath,
    args: [cli, '--config', config, '--cache', '--cache-location', cacheLocation, '--format', 'json', '--output-file', path.join(OUT, `cache-${name}.json`), workspace],
    okCodes: [0, 1],
  };
  const full = [];
  const incremental = [];
  const unchanged = [];
  try {
    for (let r = 0; r < rounds; r++) {
      fs.rmSync(cacheLocation, { recursive: true, force: true });
      fs.writeFileSync(changed, original);
      full.push(measure(lint));
      // One edit, as between two CI runs of a branch: a comment line, new content hash.
      fs.writeFileSync(changed, `${original}\n// edit ${r}\n`);
      incremental.push(measure(lint));
      unchanged.push(measure(lint));
      log(`  round ${r + 1}/${rounds}  --cache full ${full.at(-1).wall.toFixed(2)} s, one file changed ${incremental.at(-1).wall.toFixed(2)} s, nothing changed ${unchanged.at(-1).wall.toFixed(2)} s`);
    }
  } finally {
    fs.writeFileSync(changed, original);
  }
  const f = median(full.map((m) => m.wall));
  const i = median(incremental.map((m) => m.wall));
  const u = median(unchanged.map((m) => m.wall));
  return { full: { wall: f, runs: full }, oneChanged: { wall: i, runs: incremental }, noneChanged: { wall: u, runs: unchanged }, ratio: i / f, ratioNoneChanged: u / f };
}

// ---- ~20,000 files: the corpora repeated ----

/**
 * Lints the TS and JS corpora repeated 1, 2, … n times (hard links in one workspace per size),
 * runs alternated across sizes: time per file, peak memory and whether every file is reported.
 */
function largeRun(config) {
  // The real path: the file lists hold real paths, and bench/.cache may be reached through a link.
  const sources = ['ts', 'js'].map((name) => ({ name, dir: fs.realpathSync(path.join(WORK, name)), files: corpusFiles(name) ?? prepareCorpus(name, spec[name], { log }) }));
  const contenders = largeCopies.map((copies) => {
    const dir = path.join(WORK, `large-${copies}`);
    const files = largeWorkspace(dir, sources, copies);
    const out = path.join(OUT, `stability-lint-large-${copies}.json`);
    return {
      name: `${files} files (${copies}×)`,
      copies,
      files,
      cmd: process.execPath,
      args: [cli, '--config', config, '--format', 'json', '--output-file', out, dir],
      okCodes: [0, 1],
      out,
    };
  });
  log(`\nlarge: ${contenders.map((c) => c.name).join(', ')}; ${largeRounds} rounds`);
  const runs = alternate(contenders, largeRounds);
  return {
    sizes: contenders.map((c) => {
      const list = runs.get(c.name);
      // The corpus files: the workspace's package.json is reported too.
      const report = JSON.parse(fs.readFileSync(c.out, 'utf8')).filter((r) => path.basename(r.filePath) !== 'package.json');
      // A folder left out on purpose (a copy of modules linted elsewhere: engine/build-copies.ts) is one
      // info note that covers every file under it.
      const isFolderNote = (r) => r.messages.some((m) => m.stabilityLint?.skipped) && fs.statSync(r.filePath, { throwIfNoEntry: false })?.isDirectory();
      const folders = report.filter(isFolderNote).map((r) => r.filePath + path.sep);
      const fileReports = report.filter((r) => !isFolderNote(r));
      const reported = new Set(fileReports.map((r) => r.filePath));
      const workspaceFiles = Array.from({ length: c.copies }, (_, k) => sources.flatMap((s) => s.files.map((f) => path.join(path.resolve(WORK, `large-${c.copies}`), `copy-${k + 1}`, s.name, path.relative(s.dir, f))))).flat();
      const covered = workspaceFiles.filter((f) => reported.has(f) || folders.some((d) => f.startsWith(d))).length;
      return {
        copies: c.copies,
        files: c.files,
        wall: median(list.map((m) => m.wall)),
        cpu: median(list.map((m) => m.cpu)),
        rssMiB: median(list.map((m) => m.rssMiB)),
        filesReported: covered,
        skippedWithFolders: covered - workspaceFiles.filter((f) => reported.has(f)).length,
        reportedTwice: fileReports.length - reported.size,
        findings: report.reduce((n, r) => n + r.messages.length, 0),
        runs: list,
      };
    }),
  };
}

/** `copies` hard-linked copies of every corpus under `dir` (its own git repository); the file count. */
function largeWorkspace(dir, sources, copies) {
  const total = copies * sources.reduce((n, s) => n + s.files.length, 0);
  const copyOf = (k, s, file) => path.join(dir, `copy-${k}`, s.name, path.relative(s.dir, file));
  const stamp = path.join(dir, '.stamp');
  // The stamp alone is not enough: a cleanup elsewhere can empty the folder and leave it.
  const complete = () => sources.every((s) => s.files.every((f) => fs.existsSync(copyOf(copies, s, f)) && fs.existsSync(copyOf(1, s, f))));
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === `${total} files and package.json` && complete()) return total;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
  // One project, as the corpora are (see corpus.mjs).
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `bench-${path.basename(dir)}`, private: true })}\n`);
  for (let k = 1; k <= copies; k++) {
    for (const s of sources) {
      for (const file of s.files) {
        const to = copyOf(k, s, file);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.linkSync(file, to);
      }
    }
  }
  fs.writeFileSync(stamp, `${total} files and package.json`);
  return total;
}

// ---- output ----

function printTable(title, rows) {
  const header = ['contender', 'wall s', 'cpu s', 'peak RSS MiB', 'wall ×floor (1 thread)', 'cpu ×floor (1 thread)', 'findings'];
  const body = Object.entries(rows).map(([name, s]) => [
    name,
    s.median.wall.toFixed(2),
    s.median.cpu.toFixed(2),
    s.median.rssMiB.toFixed(0),
    `${s.ratio.wall.toFixed(2)}×`,
    `${s.ratio.cpu.toFixed(2)}×`,
    s.findings === undefined ? '' : String(s.findings),
  ]);
  console.log(`\n${title} (medians of ${rounds} alternated runs)\n${markdownTable(header, body)}`);
}

function printScaling(name, rows) {
  const header = ['files', 'parse floor (1 thread) s', 'stability-lint s', 'ms / file', 'wall ×floor'];
  const body = rows.map((r) => [String(r.files), r.floor.wall.toFixed(2), r.lint.wall.toFixed(2), ((r.lint.wall * 1000) / r.files).toFixed(2), `${r.ratio.wall.toFixed(2)}×`]);
  console.log(`\n${name} scaling (medians of ${rounds})\n${markdownTable(header, body)}`);
}

function printLarge(large) {
  const header = ['files', 'wall s', 'cpu s', 'peak RSS MiB', 'ms / file', 'files reported', 'findings'];
  const body = large.sizes.map((m) => [m.files.toLocaleString('en'), m.wall.toFixed(2), m.cpu.toFixed(2), m.rssMiB.toFixed(0), ((m.wall * 1000) / m.files).toFixed(2), m.filesReported.toLocaleString('en'), String(m.findings)]);
  console.log(`\nlarge workspaces: the corpora repeated (medians of ${largeRounds})\n${markdownTable(header, body)}`);
}

function printCache(name, c) {
  console.log(`\n${name} --cache: full run ${c.full.wall.toFixed(2)} s, one file changed ${c.oneChanged.wall.toFixed(2)} s (${(c.ratio * 100).toFixed(1)}% of a full run), nothing changed ${c.noneChanged.wall.toFixed(2)} s (${(c.ratioNoneChanged * 100).toFixed(1)}%)`);
  // CPU shares and peak memory too: on a loaded machine the full run's wall (two workers) swells more than a one-thread rerun's.
  const cpu = (k) => median(c[k].runs.map((m) => m.cpu));
  const rss = (k) => median(c[k].runs.map((m) => m.rssMiB)).toFixed(0);
  console.log(`  CPU: full ${cpu('full').toFixed(2)} s, one file changed ${cpu('oneChanged').toFixed(2)} s (${((cpu('oneChanged') / cpu('full')) * 100).toFixed(1)}%), nothing changed ${cpu('noneChanged').toFixed(2)} s (${((cpu('noneChanged') / cpu('full')) * 100).toFixed(1)}%); peak RSS ${rss('full')} / ${rss('oneChanged')} / ${rss('noneChanged')} MiB`);
}

function markdownTable(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

function countEslintStyle(file) {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')).reduce((n, r) => n + r.messages.length, 0);
}

function lineCount(file) {
  const text = fs.readFileSync(file, 'utf8');
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
