// What each rule knows from the library table, for people: the rule docs' "Known libraries"
// section and `--list-rules --verbose` are both written from here, so they cannot drift from
// engine/knowledge.ts. `npm run docs:libraries` rewrites the docs; a test keeps them current.
import { expandReturns, LIBRARIES, nonIdempotentReleases, type LibraryEntry } from './knowledge';
import { SANE_DATABASE_DEFAULTS } from './libraries/databases';
import { SANE_HTTP_DEFAULTS } from './libraries/http-clients';
import { SANE_MAIL_FILES_DEFAULTS } from './libraries/mail-files-shells';
import { SANE_MESSAGING_DEFAULTS } from './libraries/messaging';

/** One row: a module and what the rule knows of some of its calls. */
export interface KnownLibrary {
  module: string;
  /** `new Pool()`, `launch().newPage()`, `get()`: the calls, as written. */
  calls: string[];
  /** What the rule checks for them, in a few words. */
  what: string;
}

/** The rules that read the table, and what each takes from an entry. */
const RULE_VIEWS: Record<string, (e: LibraryEntry) => string | undefined> = {
  'missing-timeout': (e) => {
    const t = e.timeout;
    if (!t) return undefined;
    const bound = t.boundArg !== undefined ? `a ${t.fix.option} as argument ${t.boundArg + 1}` : t.fix.value === 'method' ? `\`.${t.fix.option}()\`` : t.boundedBy.map((b) => `\`${b}\``).join(', ') || '—';
    const when = (t.onlyWithOption ? ` (with \`${t.onlyWithOption}\`)` : '') + conditionText(e);
    const noPeer = t.noPeerWith?.length ? `; not with ${t.noPeerWith.map((k) => `\`${k}\``).join(', ')} (no new peer)` : '';
    const fix = t.fix.value === 'method' ? `.${t.fix.option}(ms)` : t.fix.value === 'abort-signal' ? `${t.fix.option}: AbortSignal.timeout(ms)` : `${t.fix.option}: ${t.fix.ms ?? 'ms'}`;
    const why = e.note ? `; ${e.note}` : '';
    // An upload of any size (form-data's submit) gets no default bound: the user picks it.
    // A socket's bound is armed beside its connect and turned off once connected (connect-bound-fix.ts).
    const fixText = t.boundArg !== undefined ? 'no fix writes the arguments before it' : t.uploads ? 'no fix writes a default bound (an upload of any size)'
      : t.kind === 'socket' ? 'the fix arms `setTimeout(ms, () => socket.destroy(…))` after the connect and turns it off on `connect`' : `the fix writes \`${fix}\``;
    return `${t.kind}: bounded by ${bound}${when}${noPeer}; ${fixText}${why}`;
  },
  'unreleased-resource': (e) => {
    const r = e.resource;
    if (e.adopts) {
      const what = `argument ${e.adopts.arg}${e.adopts.property ? `'s \`${e.adopts.property}\`` : ''}`;
      return `takes over ${what}${e.adopts.methods ? ` (or what its ${e.adopts.methods.map((m) => `\`${m}\``).join('/')} gets)` : ''} and closes it`;
    }
    if (e.shutdownHooks) return `${e.shutdownHooks.map((m) => `\`${m}\``).join(', ')} registers a shutdown handler`;
    if (!r) return undefined;
    const scope = r.scope === 'per-call' ? ', only when made per call' : r.scope === 'service' ? ', only when kept beyond the call' : '';
    return `${r.noun ?? r.kind}: released by ${r.release.map((m) => `\`${m}\``).join(', ')}${scope}${conditionText(e)}`;
  },
  'double-close': (e) => {
    const r = e.resource;
    const unsafe = r ? nonIdempotentReleases(r) : [];
    return unsafe.length ? `${unsafe.map((m) => `\`${m}\``).join(', ')} not safe twice` : undefined;
  },
  'missing-shutdown': (e) => {
    const r = e.resource;
    if (e.app) return `web app: \`${e.app.listen}\` opens a server`;
    if (!r || r.scope === 'per-call' || !['server', 'pool', 'interval'].includes(r.kind)) return undefined;
    return r.noun ?? r.kind;
  },
};

/** ` (only when type is 'postgres')`: the options an entry needs, in words. */
function conditionText(e: LibraryEntry): string {
  const parts = (e.when ?? []).map((c) => {
    if (c.arg !== undefined) return `argument ${c.arg} is a literal or absent`;
    if (c.equals) return `\`${c.key}\` is ${c.equals.map((v) => JSON.stringify(v)).join(' or ')}`;
    if (c.source) return `\`${c.key}\` is ${c.source.map((v) => `\`${v}\``).join(' or ')}`;
    return c.present ? `\`${c.key}\` is set` : `no \`${c.key}\``;
  });
  return parts.length ? ` (only when ${parts.join(', ')})` : '';
}

/** Rule ids whose findings depend on the table. */
export const KNOWLEDGE_RULES: readonly string[] = Object.keys(RULE_VIEWS);

/** What `ruleId` knows, grouped by module in table order; entries with the same verdict share a row. */
export function knownLibraries(ruleId: string, entries: readonly LibraryEntry[] = LIBRARIES): KnownLibrary[] {
  const view = RULE_VIEWS[ruleId];
  if (!view) return [];
  const rows = new Map<string, KnownLibrary>();
  for (const e of expandReturns(entries)) {
    const what = view(e);
    if (what === undefined) continue;
    const key = `${e.module}\u0000${what}`;
    const call = callText(e);
    const row = rows.get(key);
    if (row) {
      if (!row.calls.includes(call)) row.calls.push(call);
    } else {
      rows.set(key, { module: e.module, calls: [call], what });
    }
  }
  return [...rows.values()];
}

/** Libraries known and deliberately not flagged by missing-timeout: their default is a sane bound. */
export function saneDefaults(): { module: string; default: string; source: string }[] {
  return [...SANE_HTTP_DEFAULTS, ...SANE_DATABASE_DEFAULTS, ...SANE_MESSAGING_DEFAULTS, ...SANE_MAIL_FILES_DEFAULTS];
}

/** The generated "Known libraries" section of a rule's docs page. */
export function knownLibrariesMarkdown(ruleId: string): string {
  const rows = knownLibraries(ruleId);
  const out = [
    '| module | calls | what the rule knows |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| \`${r.module}\` | ${r.calls.map((c) => `\`${c}\``).join(', ')} | ${r.what} |`),
  ];
  if (ruleId === 'missing-timeout') {
    out.push('', 'Known, and not flagged because the documented default is a sane bound:', '');
    for (const s of saneDefaults()) out.push(`- \`${s.module}\`: ${s.default} (${s.source})`);
  }
  return out.join('\n') + '\n';
}

/** `--list-rules --verbose`: the modules a rule knows, one line. */
export function knownModulesLine(ruleId: string): string | undefined {
  const modules = [...new Set(knownLibraries(ruleId).flatMap((r) => (r.module === 'global' ? r.calls.map((c) => c.replace('()', '')) : [r.module])))];
  return modules.length ? modules.join(', ') : undefined;
}

/**
 * How a row writes a call: `new Pool()`, `createPool()`, the module itself as `axios()`, a method
 * on what a call returned by its last two steps (`launch().newPage()`, `newContext().newPage()`).
 */
function callText(e: LibraryEntry): string {
  if (e.call.includes('().')) {
    const steps = e.call.split('().');
    return `${steps.slice(-2).map((s) => s.split('.').pop()).join('().')}()`;
  }
  const prefix = e.invoke === 'new' ? 'new ' : '';
  return `${prefix}${e.call === '' ? e.module : e.call}()`;
}

/** Marks around the generated section in a docs page. */
export const GENERATED_START = '<!-- known libraries: generated from engine/knowledge.ts by `npm run docs:libraries` -->';
export const GENERATED_END = '<!-- end of known libraries -->';

/** A docs page with its generated section replaced (or added before `## Options`). */
export function withKnownLibraries(markdown: string, ruleId: string): string {
  const section = `${GENERATED_START}\n${knownLibrariesMarkdown(ruleId)}${GENERATED_END}`;
  const start = markdown.indexOf(GENERATED_START);
  if (start >= 0) {
    const end = markdown.indexOf(GENERATED_END, start);
    return markdown.slice(0, start) + section + markdown.slice(end + GENERATED_END.length);
  }
  const at = markdown.indexOf('\n## Options');
  const heading = '\n## Known libraries\n\nWhat this rule knows of each library, generated from the knowledge table (`engine/knowledge.ts` and ' +
    '`engine/libraries/`). Teach it others with the `libraries` config key.\n\n';
  return at < 0 ? `${markdown}${heading}${section}\n` : `${markdown.slice(0, at)}${heading}${section}\n${markdown.slice(at)}`;
}
