// Types of bench/targets.mjs, for the test of its table (test/bench/targets.test.ts).
export const FLOOR: string;
export const LINT: string;
export const ESLINT: string;

export interface TargetRow {
  id: string;
  target: string;
  /** The figure measured, '' when not measured. */
  measured: string;
  verdict: 'met' | 'missed' | 'not measured';
}

export interface Target {
  id: string;
  target: string;
  judge(results: object): { measured: string; met: boolean } | undefined;
}

export const TARGETS: Target[];
/** Every target judged on a bench result (bench/results.json). */
export function evaluateTargets(results: object): TargetRow[];
/** The judged targets as a Markdown table. */
export function targetsTable(rows: TargetRow[]): string;
