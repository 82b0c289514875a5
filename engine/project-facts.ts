// Project facts: what every file tells the whole project about bindings (a pool ended, a flag
// cleared, a script a Dockerfile runs), each filed under the rule that records and reads it.
// A fact about a module binding is compared through re-exports, so that `pool` imported from
// './index' and `pool` declared in './db' are the same. Used by the CLI once per run and by
// the language server incrementally.
import type { Candidate, ExportTarget, Finding, ModuleBinding, ModuleSummary, ProjectFact } from './types';
import { ownEntry } from './own-keys';
import { PlainFacts } from './plain-facts';
import { StringPool } from './string-pool';

/** One string per distinct fact, as written (no re-exports followed): to compare and dedupe facts. */
export function factKey(fact: ProjectFact): string {
  const key = keyWith(fact, fact.ref);
  return fact.ifAll?.length ? `${key}\u0000if\u0000${fact.ifAll.map(factKey).join('\u0000&\u0000')}` : key;
}

function keyWith(fact: ProjectFact, ref: string | ModuleBinding): string {
  // A module binding and a written key never compare equal: `=` and `@` keep them apart.
  const refKey = typeof ref === 'string' ? `=${ref}` : `@${ref.file}#${ref.name}`;
  return `${fact.rule}\u0000${fact.kind}\u0000${refKey}`;
}

export class ProjectFacts {
  /** Every file's unconditional facts of the usual shape, as numbers. */
  private readonly plain: PlainFacts;
  /** Each file's conditional facts, as given. */
  private readonly conditionalByFile = new Map<string, readonly ProjectFact[]>();
  /** Each module's exports, as string numbers (a run holds one per file until it settles). */
  private readonly summaries = new Map<string, PackedSummary>();
  private canonical: HeldFacts | undefined;
  /** Module bindings followed to where they are declared, by file then name; valid while no file changes. */
  private readonly declared = new Map<string, Map<string, ModuleBinding>>();
  /** `expectQuestionsOf`: the rules and kinds of fact settling can ask about (undefined: any); valid while no file changes. */
  private askable: Map<string, Set<string>> | undefined;

  /**
   * `strings`: the pool the facts' strings are numbered in (a run shares its own); the language
   * server's grows by the strings edits add, never shrinking.
   */
  constructor(private readonly pool = new StringPool()) {
    this.plain = new PlainFacts(pool);
  }

  /** Records (or replaces) what one file contributes. The facts are copied: the caller may drop them. */
  set(file: string, facts: readonly ProjectFact[], summary: ModuleSummary | undefined): void {
    const plain = facts.filter(PlainFacts.holds);
    this.plain.set(file, plain);
    const conditional = plain.length === facts.length ? [] : facts.filter((f) => !PlainFacts.holds(f));
    if (conditional.length) this.conditionalByFile.set(file, conditional);
    else this.conditionalByFile.delete(file);
    if (summary) this.summaries.set(file, this.pack(summary));
    else this.summaries.delete(file);
    this.changed();
  }

  /**
   * Records (or replaces) what one file contributes, its unconditional facts given as numbers
   * (PlainFacts.setNumbered: as the --cache file keeps them) and the rest as objects.
   */
  setNumbered(file: string, numbers: readonly number[], from: StringPool, others: readonly ProjectFact[], summary: ModuleSummary | undefined): void {
    const own = this.pool;
    const plain = others.filter(PlainFacts.holds);
    const all = from === own && !plain.length ? numbers : [
      ...numbers.map((x, i) => (i % 4 === 3 && x < 0 ? x : own.id(from.at(x)))),
      ...plain.flatMap((f) => (typeof f.ref === 'string' ? [own.id(f.rule), own.id(f.kind), own.id(f.ref), -1] : [own.id(f.rule), own.id(f.kind), own.id(f.ref.file), own.id(f.ref.name)])),
    ];
    this.plain.setNumbered(file, all);
    const conditional = others.filter((f) => !PlainFacts.holds(f));
    if (conditional.length) this.conditionalByFile.set(file, conditional);
    else this.conditionalByFile.delete(file);
    if (summary) this.summaries.set(file, this.pack(summary));
    else this.summaries.delete(file);
    this.changed();
  }

  delete(file: string): void {
    this.plain.delete(file);
    this.conditionalByFile.delete(file);
    this.summaries.delete(file);
    this.changed();
  }

  private changed(): void {
    this.canonical = undefined;
    this.declared.clear();
    this.askable = undefined;
  }

  /**
   * Says that until a file changes, only these candidates will be settled: facts of a rule and
   * kind that neither they nor the conditions of facts they ask about (followed as far as they
   * chain) name are never held, so a project of 80,000 facts is settled from the few thousand
   * that can matter. A question outside them settles again from every fact.
   */
  expectQuestionsOf(candidates: Iterable<Candidate>): void {
    const askable = new Map<string, Set<string>>();
    const add = (f: ProjectFact): boolean => {
      let kinds = askable.get(f.rule);
      if (!kinds) askable.set(f.rule, (kinds = new Set()));
      if (kinds.has(f.kind)) return false;
      kinds.add(f.kind);
      return true;
    };
    for (const c of candidates) {
      for (const f of c.unlessAny ?? []) add(f);
      for (const f of c.onlyIfAny ?? []) add(f);
      for (const f of c.onlyIfAll ?? []) add(f);
      for (const f of c.unlessAll ?? []) add(f);
      for (const f of [...(c.unlessAllWithout?.all ?? []), ...(c.unlessAllWithout?.without ?? [])]) add(f);
      for (const s of c.severityIf ?? []) add(s.fact);
    }
    // A conditional fact of an askable kind holds only if its conditions do: theirs are askable too.
    const conditional = [...this.conditionalByFile.values()].flat().filter((f) => f.ifAll?.length);
    for (let added = true; added;) {
      added = false;
      for (const f of conditional) {
        if (!isAskable(askable, f)) continue;
        for (const c of f.ifAll!) if (add(c)) added = true;
      }
    }
    this.canonical = undefined;
    this.askable = askable;
  }

  has(fact: ProjectFact): boolean {
    if (this.askable && !isAskable(this.askable, fact)) {
      this.askable = undefined;
      this.canonical = undefined;
    }
    this.canonical ??= this.holding();
    return this.canonical.has(fact, this.declaredBinding);
  }

  /**
   * Every fact that holds, canonical (module bindings followed to their declaration): the
   * unconditional ones, then each conditional one whose conditions all hold, again until
   * nothing more is added (facts that chain).
   */
  private holding(): HeldFacts {
    const held = new HeldFacts();
    const askable = this.askable;
    this.plain.each(
      (rule, kind) => !askable || askable.get(rule)?.has(kind) === true,
      (rule, kind, ref) => held.addWritten(rule, kind, ref),
      (rule, kind, file, name) => held.addBinding(rule, kind, this.declaredOf(file, name)),
    );
    let pending: ProjectFact[] = [];
    for (const facts of this.conditionalByFile.values()) {
      for (const f of facts) {
        if (askable && !isAskable(askable, f)) continue;
        if (f.ifAll?.length) pending.push(f);
        else held.add(f, this.declaredBinding);
      }
    }
    for (let added = true; added && pending.length;) {
      added = false;
      const rest: ProjectFact[] = [];
      for (const f of pending) {
        if (f.ifAll!.every((c) => held.has(c, this.declaredBinding))) {
          held.add(f, this.declaredBinding);
          added = true;
        } else {
          rest.push(f);
        }
      }
      pending = rest;
    }
    return held;
  }

  /** A finding for a candidate, or undefined when the project shows control. */
  settle(candidate: Candidate): Finding | undefined {
    if (candidate.onlyIfAny && !candidate.onlyIfAny.some((f) => this.has(f))) return undefined;
    if (candidate.onlyIfAll && !candidate.onlyIfAll.every((f) => this.has(f))) return undefined;
    if (candidate.unlessAny?.some((f) => this.has(f))) return undefined;
    if (candidate.unlessAll?.length && candidate.unlessAll.every((f) => this.has(f))) return undefined;
    const unopposed = candidate.unlessAllWithout;
    if (unopposed?.all.length && unopposed.all.every((f) => this.has(f)) && !unopposed.without.some((f) => this.has(f))) return undefined;
    const raised = candidate.severityIf?.find((s) => this.has(s.fact));
    return raised ? { ...candidate.finding, severity: raised.severity } : candidate.finding;
  }

  /** A module binding followed through export aliases and re-exports to its declaring file (remembered). */
  private readonly declaredBinding = (ref: ModuleBinding): ModuleBinding => this.declaredOf(ref.file, ref.name);

  private declaredOf(file: string, name: string): ModuleBinding {
    let byName = this.declared.get(file);
    if (!byName) this.declared.set(file, (byName = new Map()));
    let found = byName.get(name);
    if (!found) byName.set(name, (found = this.resolveExport(file, name, 0)));
    return found;
  }

  private resolveExport(file: string, name: string, depth: number): ModuleBinding {
    const summary = this.summaries.get(file);
    if (!summary || depth > 20) return { file, name };
    const target = this.exportOf(summary, name);
    if (target) {
      if ('local' in target) return { file, name: target.local };
      return this.resolveExport(target.module, target.name, depth + 1);
    }
    // `service.get`: a member of what the module exports under `service`.
    const dot = name.indexOf('.');
    const head = dot > 0 ? this.exportOf(summary, name.slice(0, dot)) : undefined;
    if (head) {
      const rest = name.slice(dot + 1);
      if ('local' in head) return { file, name: `${head.local}.${rest}` };
      if (head.name === '*') return this.resolveExport(head.module, rest, depth + 1);
    }
    if (name !== 'default' && name !== '*') {
      for (const starId of summary.stars) {
        const star = this.pool.at(starId);
        const summaryOfStar = this.summaries.get(star);
        const hit = summaryOfStar ? this.exportOf(summaryOfStar, name) : undefined;
        if (hit || summaryOfStar?.stars.length) {
          const r = this.resolveExport(star, name, depth + 1);
          if (r.file !== star || hit) return r;
        }
      }
    }
    return { file, name };
  }

  private pack(summary: ModuleSummary): PackedSummary {
    const id = (s: string) => this.pool.id(s);
    const exports: number[] = [];
    for (const name of Object.keys(summary.exports)) {
      const target = ownEntry(summary.exports, name)!;
      if ('local' in target) exports.push(id(name), -1, id(target.local));
      else exports.push(id(name), id(target.module), id(target.name));
    }
    return { exports, stars: summary.starExports.map(id) };
  }

  /** What a module exports under `name` (its exports unpacked on the first question). */
  private exportOf(summary: PackedSummary, name: string): ExportTarget | undefined {
    if (!summary.byName) {
      summary.byName = new Map();
      const e = summary.exports;
      for (let i = 0; i < e.length; i += 3) {
        summary.byName.set(this.pool.at(e[i]), e[i + 1] < 0 ? { local: this.pool.at(e[i + 2]) } : { module: this.pool.at(e[i + 1]), name: this.pool.at(e[i + 2]) });
      }
    }
    return summary.byName.get(name);
  }
}

/**
 * A module's exports as string numbers, three an export: its name, then -1 and the local name, or
 * the module and the name it re-exports; `stars`, the modules it re-exports whole. `byName`:
 * unpacked for the modules settling asks about.
 */
interface PackedSummary {
  exports: number[];
  stars: number[];
  byName?: Map<string, ExportTarget>;
}

function isAskable(askable: ReadonlyMap<string, ReadonlySet<string>>, fact: ProjectFact): boolean {
  return askable.get(fact.rule)?.has(fact.kind) === true;
}

/**
 * A set of canonical facts, nested by rule, kind and reference so that looking one up builds no
 * key string (80,000 facts are added each time a project is settled).
 */
class HeldFacts {
  private readonly byRuleKind = new Map<string, Map<string, { written: Set<string>; bindings: Map<string, Set<string>> }>>();

  add(fact: ProjectFact, declared: (ref: ModuleBinding) => ModuleBinding): void {
    if (typeof fact.ref === 'string') this.addWritten(fact.rule, fact.kind, fact.ref);
    else this.addBinding(fact.rule, fact.kind, declared(fact.ref));
  }

  addWritten(rule: string, kind: string, ref: string): void {
    this.refs(rule, kind).written.add(ref);
  }

  /** `binding`: already followed to its declaration. */
  addBinding(rule: string, kind: string, { file, name }: ModuleBinding): void {
    const refs = this.refs(rule, kind);
    let names = refs.bindings.get(file);
    if (!names) refs.bindings.set(file, (names = new Set()));
    names.add(name);
  }

  private refs(rule: string, kind: string): { written: Set<string>; bindings: Map<string, Set<string>> } {
    let byKind = this.byRuleKind.get(rule);
    if (!byKind) this.byRuleKind.set(rule, (byKind = new Map()));
    let refs = byKind.get(kind);
    if (!refs) byKind.set(kind, (refs = { written: new Set(), bindings: new Map() }));
    return refs;
  }

  /** Whether the fact (its own conditions not considered) is held; a written key and a module binding never match. */
  has(fact: ProjectFact, declared: (ref: ModuleBinding) => ModuleBinding): boolean {
    const refs = this.byRuleKind.get(fact.rule)?.get(fact.kind);
    if (!refs) return false;
    if (typeof fact.ref === 'string') return refs.written.has(fact.ref);
    const { file, name } = declared(fact.ref);
    return refs.bindings.get(file)?.has(name) ?? false;
  }
}
