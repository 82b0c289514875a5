// Project facts: what every file tells the whole project about bindings (a pool ended, a flag
// cleared, a script a Dockerfile runs), each filed under the rule that records and reads it.
// A fact about a module binding is compared through re-exports, so that `pool` imported from
// './index' and `pool` declared in './db' are the same. Used by the CLI once per run and by
// the language server incrementally.
import type { Candidate, Finding, ModuleBinding, ModuleSummary, ProjectFact } from './types';
import { ownEntry } from './own-keys';

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
  private readonly factsByFile = new Map<string, readonly ProjectFact[]>();
  private readonly summaries = new Map<string, ModuleSummary>();
  private canonical: Set<string> | undefined;

  /** Records (or replaces) what one file contributes. */
  set(file: string, facts: readonly ProjectFact[], summary: ModuleSummary | undefined): void {
    this.factsByFile.set(file, facts);
    if (summary) this.summaries.set(file, summary);
    else this.summaries.delete(file);
    this.canonical = undefined;
  }

  delete(file: string): void {
    this.factsByFile.delete(file);
    this.summaries.delete(file);
    this.canonical = undefined;
  }

  has(fact: ProjectFact): boolean {
    this.canonical ??= this.holding();
    return this.canonical.has(this.canonicalKey(fact));
  }

  /**
   * The canonical keys of every fact that holds: the unconditional ones, then each conditional
   * one whose conditions all hold, again until nothing more is added (facts that chain).
   */
  private holding(): Set<string> {
    const held = new Set<string>();
    let pending: ProjectFact[] = [];
    for (const facts of this.factsByFile.values()) {
      for (const f of facts) {
        if (f.ifAll?.length) pending.push(f);
        else held.add(this.canonicalKey(f));
      }
    }
    for (let added = true; added && pending.length;) {
      added = false;
      const rest: ProjectFact[] = [];
      for (const f of pending) {
        if (f.ifAll!.every((c) => held.has(this.canonicalKey(c)))) {
          held.add(this.canonicalKey(f));
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
    const raised = candidate.severityIf?.find((s) => this.has(s.fact));
    return raised ? { ...candidate.finding, severity: raised.severity } : candidate.finding;
  }

  /** The fact's key with a module binding followed through export aliases and re-exports to its declaring file. */
  private canonicalKey(fact: ProjectFact): string {
    return keyWith(fact, typeof fact.ref === 'string' ? fact.ref : this.resolveExport(fact.ref.file, fact.ref.name, 0));
  }

  private resolveExport(file: string, name: string, depth: number): ModuleBinding {
    const summary = this.summaries.get(file);
    if (!summary || depth > 20) return { file, name };
    const target = ownEntry(summary.exports, name);
    if (target) {
      if ('local' in target) return { file, name: target.local };
      return this.resolveExport(target.module, target.name, depth + 1);
    }
    // `service.get`: a member of what the module exports under `service`.
    const dot = name.indexOf('.');
    const head = dot > 0 ? ownEntry(summary.exports, name.slice(0, dot)) : undefined;
    if (head) {
      const rest = name.slice(dot + 1);
      if ('local' in head) return { file, name: `${head.local}.${rest}` };
      if (head.name === '*') return this.resolveExport(head.module, rest, depth + 1);
    }
    if (name !== 'default' && name !== '*') {
      for (const star of summary.starExports) {
        const summaryOfStar = this.summaries.get(star);
        const hit = summaryOfStar ? ownEntry(summaryOfStar.exports, name) : undefined;
        if (hit || this.summaries.get(star)?.starExports.length) {
          const r = this.resolveExport(star, name, depth + 1);
          if (r.file !== star || hit) return r;
        }
      }
    }
    return { file, name };
  }
}
