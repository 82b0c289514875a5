// The per-rule prefilter (speed-up `prefilter`): a script whose text lacks every word a rule
// needs (`meta.needs`) cannot give the rule anything to report or record, so the rule does not
// run there (or runs only its `facts` visitor). A cheap scan of the text instead of a walk.
import type { Knowledge } from './knowledge';
import { speedUp } from './speed-ups';
import type { RuleNeeds } from './types';

/**
 * A backslash escape that can spell a word or a module name other than as written
 * (`f\u0065tch`, `'p\x67'`, `'\160g'`): in such a text every rule runs.
 */
const ESCAPE = /\\[0-7ux]/;

/**
 * Whether a call in this text can be one the library knowledge lists: a known module as a quoted
 * specifier, a known global, or `global`/`globalThis` (whose members resolve as globals). Without
 * the `prefilter` speed-up, always true.
 */
export function mayNameLibrary(text: string, knowledge: Knowledge): boolean {
  return !PREFILTER || ESCAPE.test(text) || text.includes('global') || knowledge.mentionedIn(text);
}

const PREFILTER = speedUp('prefilter');

/** What one script's text offers the rules; each word looked up once per file. */
export class TextPrefilter {
  private readonly found = new Map<string, boolean>();
  private readonly escaped: boolean;
  private library: boolean | undefined;

  constructor(private readonly text: string, private readonly knowledge: Knowledge) {
    this.escaped = ESCAPE.test(text);
  }

  /** Whether the text meets the rule's needs: any one entry of `anyOf` (every word of it), or a library mention. */
  meets(needs: RuleNeeds): boolean {
    if (this.escaped) return true;
    for (const entry of needs.anyOf ?? []) {
      if (typeof entry === 'string' ? this.has(entry) : entry.every((w) => this.has(w))) return true;
    }
    return needs.libraries === true && (this.library ??= this.knowledge.mentionedIn(this.text));
  }

  private has(word: string): boolean {
    let v = this.found.get(word);
    if (v === undefined) this.found.set(word, (v = this.text.includes(word)));
    return v;
  }
}
