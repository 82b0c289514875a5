// A command run to its exit only to ask a tool about itself or its environment (`go env`,
// `pn-tools version`, `git rev-parse HEAD`): when its answer is what a lazily filled field keeps,
// two concurrent first callers run the same question twice and store the same answer. Nothing is
// left running and nothing is written, so the run is a read, not work that makes or starts
// something (check 31: serverless-offline's GoRunner memo of `go env`, judged false; check 27:
// node-red-contrib-s7's `pn-tools version` probe, judged noise). Commands that do work (`docker run
// -d`, `npm install`, `git commit`) still count as starting something.
import { ts } from 'ts-morph';
import { calleeName, Outer, skipOuter } from '../shared/ast';

/** Runners that take one command line and resolve (or return) when it has exited: `exec('git rev-parse HEAD')`. */
const COMMAND_LINE_RUNNERS: ReadonlySet<string> = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync']);
/** Runners that take a program and its argument list and resolve (or return) when it has exited: `execa('go', ['env'])`. */
const FILE_RUNNERS: ReadonlySet<string> = new Set(['execa', 'execaSync', 'execFile', 'execFileSync', 'spawnSync']);
/** A first argument that asks a tool about itself or its setup rather than telling it to act. */
const PROBE_ARGUMENTS: ReadonlySet<string> = new Set(['version', '--version', 'env', 'info', 'rev-parse']);
/** Programs that only answer a question about the machine or the path. */
const PROBE_PROGRAMS: ReadonlySet<string> = new Set(['which', 'where', 'whoami', 'uname', 'hostname']);

/** `exec(\`${tool} version\`)`, `execa('go', ['env'])`, `execFileSync('which', ['docker'])`: a command run to ask, not to act. */
export function isProbeCommand(call: ts.CallExpression): boolean {
  const name = calleeName(call.expression);
  if (name === undefined) return false;
  const [first, second] = call.arguments;
  if (!first) return false;
  let program: string | undefined;
  let argument: string | undefined;
  if (COMMAND_LINE_RUNNERS.has(name)) {
    const words = commandWords(first);
    if (!words) return false;
    [program, argument] = words;
  } else if (FILE_RUNNERS.has(name)) {
    program = literalText(first);
    const args = second && skipOuter(second, Outer.Parens);
    argument = args && ts.isArrayLiteralExpression(args) && args.elements.length ? literalText(args.elements[0]) : undefined;
  } else {
    return false;
  }
  const base = program?.split(/[\\/]/).pop();
  return (base !== undefined && PROBE_PROGRAMS.has(base)) || (argument !== undefined && PROBE_ARGUMENTS.has(argument));
}

/** The words of a command line written as a literal or a template (a substitution reads as one unknown word). */
function commandWords(expr: ts.Expression): string[] | undefined {
  const e = skipOuter(expr, Outer.Parens);
  let text: string;
  if (ts.isStringLiteralLike(e)) text = e.text;
  else if (ts.isTemplateExpression(e)) text = e.head.text + e.templateSpans.map((s) => `\u0000${s.literal.text}`).join('');
  else return undefined;
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length ? words.map((w) => (w.includes('\u0000') ? '' : w)) : undefined;
}

function literalText(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr, Outer.Parens);
  return ts.isStringLiteralLike(e) ? e.text : undefined;
}
