// The processes a Procfile declares (`web: npm run start:prod`). Every process type runs in
// production; each command keeps its offset in the file so a rule can report at it and rewrite it.

export interface ProcfileProcess {
  name: string;
  command: string;
  /** Where the command starts in the file. */
  offset: number;
}

export function procfileProcesses(text: string): ProcfileProcess[] {
  const out: ProcfileProcess[] = [];
  for (const m of text.matchAll(/^[ \t]*([\w.-]+)[ \t]*:[ \t]*([^\r\n]+)/gm)) {
    out.push({ name: m[1], command: m[2], offset: m.index + m[0].length - m[2].length });
  }
  return out;
}
