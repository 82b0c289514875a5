// Running the CLI in-process against throwaway projects, capturing what it prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../engine/types';
import { run } from '../../cli/run';

export { tempProject } from '../temp-project';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliCall {
  cwd: string;
  rules?: ReadonlyMap<string, Rule<any>>;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  stderrIsTTY?: boolean;
  now?: () => number;
}

export async function cli(argv: string[], call: CliCall): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    {
      cwd: call.cwd,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      isTTY: call.isTTY ?? false,
      stderrIsTTY: call.stderrIsTTY,
      env: call.env ?? {},
    },
    { rules: call.rules, now: call.now },
  );
  return { code, stdout, stderr };
}


export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

/**
 * A project exercising every test rule: src/a.ts has two errors (fixable), two warnings (one
 * fixable by two edits, one with a suggestion), one info; b.ts is clean; c.ts does not parse.
 */
export const SAMPLE_A = 'const foo = 1;\nlet todo = foo;\nconst baz = qux;\n';
export const SAMPLE_A_FIXED = 'const bar = 1;\nlet todo = bar;\nconst baz = (qux);\n';
export const SAMPLE_FILES = {
  'src/a.ts': SAMPLE_A,
  'src/b.ts': 'export const ok = 1;\n',
  'src/c.ts': 'const = ;\n',
};
