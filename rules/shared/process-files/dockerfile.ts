// What a Dockerfile's image runs: the final stage's CMD and ENTRYPOINT (inherited through
// `FROM <stage>` as Docker does), with where each instruction and each exec-form word sits in
// the file, so a rule can report at the instruction and rewrite its words.
import type { Range } from '../../../engine/types';
import { shellQuote } from '../watch-commands';

export interface DockerInstruction {
  keyword: string;
  /** From the keyword to the end of its arguments (continuation lines included). */
  range: Range;
  args: string;
  argsStart: number;
  /** No `\` continuation: argument offsets are exact. */
  singleLine: boolean;
}

export interface CommandForm {
  instruction: DockerInstruction;
  /** Exec form (`["npm", "start"]`): the words and the range of each JSON string. */
  exec?: { words: string[]; ranges: Range[] };
  /** Shell form (`npm start`): run by `/bin/sh -c`. */
  shell?: string;
}

export interface ImageCommand {
  cmd?: CommandForm;
  entrypoint?: CommandForm;
}

interface Stage {
  name?: string;
  parent?: Stage;
  cmd?: CommandForm;
  entrypoint?: CommandForm;
  /** The HEALTHCHECK command line; null for `HEALTHCHECK NONE`. */
  healthcheck?: string | null;
}

/** The command of the image the Dockerfile builds by default (its last stage). */
export function imageCommand(text: string): ImageCommand {
  return finalCommand(stagesOf(text));
}

/**
 * The command line the image's HEALTHCHECK runs (inherited through `FROM <stage>`), undefined
 * when there is none or `HEALTHCHECK NONE`. Docker kills it after `--timeout` (30 s by default).
 */
export function healthcheckCommand(text: string): string | undefined {
  for (let s: Stage | undefined = stagesOf(text).at(-1); s; s = s.parent) {
    if (s.healthcheck !== undefined) return s.healthcheck ?? undefined;
  }
  return undefined;
}

function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const ins of dockerInstructions(text)) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(ins.args);
      const parent = m ? stages.find((s) => s.name?.toLowerCase() === m[1].toLowerCase()) : undefined;
      stages.push({ name: m?.[2], parent });
    } else if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && stages.length) {
      stages[stages.length - 1][ins.keyword === 'CMD' ? 'cmd' : 'entrypoint'] = commandForm(ins);
    } else if (ins.keyword === 'HEALTHCHECK' && stages.length) {
      stages[stages.length - 1].healthcheck = healthcheckLine(ins.args);
    }
  }
  return stages;
}

/** `--interval=1m --timeout=2s CMD ["node", "hc.js"]` -> `node hc.js`; `NONE` -> null. */
function healthcheckLine(args: string): string | null {
  const m = /^\s*(?:--\S+\s+)*(NONE|CMD)\b\s*([\s\S]*)$/i.exec(args);
  if (!m || m[1].toUpperCase() === 'NONE') return null;
  const rest = m[2].trim();
  if (rest.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(rest);
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return words.map(shellQuote).join(' ');
    } catch {
      // not JSON: Docker runs it in a shell, as written
    }
  }
  return rest;
}

function finalCommand(stages: Stage[]): ImageCommand {
  const final = stages[stages.length - 1];
  if (!final) return {};
  const inherited = (s: Stage | undefined, key: 'cmd' | 'entrypoint'): CommandForm | undefined => (s ? s[key] ?? inherited(s.parent, key) : undefined);
  // Setting ENTRYPOINT clears a CMD inherited from the parent stage.
  const cmd = final.cmd ?? (final.entrypoint ? undefined : inherited(final.parent, 'cmd'));
  return { cmd, entrypoint: inherited(final, 'entrypoint') };
}

function commandForm(ins: DockerInstruction): CommandForm {
  const trimmed = ins.args.trim();
  if (trimmed.startsWith('[')) {
    const exec = execWords(ins);
    if (exec) return { instruction: ins, exec };
  }
  return { instruction: ins, shell: trimmed };
}

/** The strings of a JSON array argument and their offsets; undefined when it is not one (Docker then runs it in a shell). */
function execWords(ins: DockerInstruction): CommandForm['exec'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(ins.args.trim());
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return undefined;
  const ranges: Range[] = [];
  for (const m of ins.args.matchAll(/"(?:[^"\\]|\\.)*"/g)) ranges.push({ start: ins.argsStart + m.index, end: ins.argsStart + m.index + m[0].length });
  return ranges.length === parsed.length ? { words: parsed as string[], ranges } : undefined;
}

/** Instructions with their arguments, continuation lines joined and comments dropped. */
export function dockerInstructions(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { keyword: string; start: number; argsStart: number; args: string; lines: number; end: number } | undefined;
  const close = (): void => {
    if (!open) return;
    out.push({
      keyword: open.keyword,
      range: { start: open.start, end: open.end },
      args: open.args,
      argsStart: open.argsStart,
      singleLine: open.lines === 1,
    });
    open = undefined;
  };
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (!trimmed && open)) continue;
    const continues = /\\\s*$/.test(line);
    const body = continues ? line.replace(/\\\s*$/, '') : line;
    if (open) {
      open.args += ' ' + body.trim();
      open.lines++;
      open.end = lineStart + line.replace(/\s+$/, '').length;
    } else {
      const m = /^(\s*)(\w+)(\s+)/.exec(body);
      if (!m) continue;
      const argsStart = lineStart + m[0].length;
      open = { keyword: m[2].toUpperCase(), start: lineStart + m[1].length, argsStart, args: body.slice(m[0].length).replace(/\s+$/, ''), lines: 1, end: lineStart + line.replace(/\s+$/, '').length };
    }
    if (!continues) close();
  }
  close();
  return out;
}

/** One CMD or ENTRYPOINT as a shell command line: exec-form words quoted, shell form run by `sh -c`. */
export function commandLine(form: CommandForm): string {
  return form.exec ? form.exec.words.map(shellQuote).join(' ') : `sh -c ${shellQuote(form.shell ?? '')}`;
}
