// Lints one extracted project with the built CLI, as its maintainer would: the package root as
// the working directory (so its package.json, Dockerfile and pm2 files are found), default
// configuration, `--format json`. Every finding is kept; fatal messages (files that did not
// parse, files skipped as generated or too large) are counted apart, since they carry no rule.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Project } from './projects';
import { EcosystemError } from './projects';
import { type Finding, MESSAGE_CHARS, numberOccurrences, type ProjectRecord } from './snapshot';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
// The largest project lints in a few seconds: a run this long is a hung linter, worth failing on.
const LINT_TIMEOUT_MS = 10 * 60_000;

/** A finding as reported, with the whole message (the snapshot keeps only its start). */
export interface ReportedFinding extends Finding {
  fullMessage: string;
}

export interface FatalMessage {
  file: string;
  message: string;
}

export interface ProjectRun {
  project: Project;
  record: ProjectRecord;
  findings: ReportedFinding[];
  /** Parse errors and internal errors, for the report. */
  fatalErrors: FatalMessage[];
  /** Internal errors in a rule: a linter bug the check fails on. */
  internalErrors: FatalMessage[];
  ms: number;
}

export interface EslintJsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
  stabilityLint?: { skipped?: true };
}

export interface EslintJsonResult {
  filePath: string;
  messages: EslintJsonMessage[];
}

export function assertCliBuilt(): void {
  if (!fs.existsSync(CLI)) throw new EcosystemError(`${path.relative(process.cwd(), CLI)} is missing: run \`npm run build\` (\`npm run ecosystem\` builds first)`);
}

export async function lintProject(project: Project, root: string, resultFile: string): Promise<ProjectRun> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  const { status, output } = await run(process.execPath, [CLI, '--format', 'json', '--output-file', resultFile, ...(project.paths ?? [])], root);
  // 0: clean, 1: findings at error severity; anything else means the linter itself failed.
  if (status !== 0 && status !== 1) {
    throw new EcosystemError(`${project.name}: stability-lint exited with ${status}: ${output.trim().slice(0, 2000)}`);
  }
  const results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as EslintJsonResult[];
  const ms = performance.now() - started;
  return { ...readResults(project, root, results), ms };
}

function run(command: string, args: string[], cwd: string): Promise<{ status: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: LINT_TIMEOUT_MS });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ status: code ?? signal ?? 'unknown', output }));
  });
}

/** Turns the CLI's JSON into findings and counts. Exported for the tests. */
export function readResults(project: Project, root: string, results: EslintJsonResult[]): Omit<ProjectRun, 'ms'> {
  const findings: ReportedFinding[] = [];
  const fatalErrors: FatalMessage[] = [];
  const internalErrors: FatalMessage[] = [];
  let skippedFiles = 0;
  let lines = 0;
  for (const result of results) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    lines += countLines(result.filePath);
    for (const m of result.messages) {
      // A file skipped on purpose carries an info note marked `stabilityLint.skipped`; `fatal` means it failed.
      if (m.stabilityLint?.skipped) {
        skippedFiles++;
        continue;
      }
      if (m.fatal) {
        if (m.severity === 1) skippedFiles++;
        else if (m.message.startsWith('Internal error')) internalErrors.push({ file, message: m.message });
        else fatalErrors.push({ file, message: m.message });
        continue;
      }
      findings.push({
        project: project.name,
        file,
        line: m.line,
        column: m.column,
        // Not expected with default flags; kept under a visible name rather than dropped.
        ruleId: m.ruleId ?? '(no rule)',
        message: firstLine(m.message).slice(0, MESSAGE_CHARS),
        fullMessage: m.message,
      });
    }
  }
  return {
    project,
    record: {
      version: project.version,
      files: results.length,
      lines,
      parseErrors: fatalErrors.length + internalErrors.length,
      skippedFiles,
    },
    findings: numberOccurrences(findings),
    fatalErrors,
    internalErrors,
  };
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return end === -1 ? message : message.slice(0, end);
}

function countLines(file: string): number {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
