// Types of bench/compare-findings.mjs, for its test (test/bench/targets.test.ts).
export interface ReportMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface SpeedUp {
  name: string;
  invert?: boolean;
  run(lint: (args: string[], opts?: { entry?: string; nodeArgs?: string[]; env?: Record<string, string>; report?: string }) => unknown, scratch: string): unknown;
}

export interface VariantComparison {
  name: string;
  identical: boolean;
  findings: number;
  onlyBaseline: number;
  onlyVariant: number;
  diff?: string;
}

export const ENGINE_SPEED_UPS: string[];
export const SPEED_UPS: SpeedUp[];
/** A report's findings as sorted lines, paths relative to `base`. */
export function stableFindings(report: { filePath: string; messages: ReportMessage[] }[], base: string): string[];
/** What only one side has (as multisets). */
export function diffFindings(baseline: string[], variant: string[]): { identical: boolean; onlyBaseline: string[]; onlyVariant: string[] };
export function compareFindings(opts: {
  workspace: string;
  config?: string;
  out: string;
  label?: string;
  speedUps?: SpeedUp[];
  baselineReport?: unknown;
  log?: (s: string) => void;
}): { baseline: number; variants: VariantComparison[] };
