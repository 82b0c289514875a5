// Project-wide facts: what every file says about bindings (a pool ended, a flag cleared, a
// script run by a Dockerfile), canonicalised through re-exports so that `pool` imported from
// './index' and `pool` declared in './db' are the same key. Used by the CLI once per run and
// by the language server incrementally.
import type { Candidate, Finding, ModuleSummary } from './types';

const REF = /mod:(.+)#([^#]*)$/;

export class ProjectFacts {
  private readonly factsByFile = new Map<string, string[]>();
  private readonly summaries = new Map<string, ModuleSummary>();
  private canonical: Set<string> | undefined;

  /** Records (or replaces) what one file contributes. */
  set(file: string, facts: string[], summary: ModuleSummary | undefined): void {
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

  has(fact: string): boolean {
    if (!this.canonical) {
      this.canonical = new Set();
      for (const facts of this.factsByFile.values()) for (const f of facts) this.canonical.add(this.canonicalize(f));
    }
    return this.canonical.has(this.canonicalize(fact));
  }

  /** A finding for a candidate, or undefined when the project shows control. */
  settle(candidate: Candidate): Finding | undefined {
    if (candidate.onlyIfAny && !candidate.onlyIfAny.some((f) => this.has(f))) return undefined;
    if (candidate.unlessAny?.some((f) => this.has(f))) return undefined;
    const raised = candidate.severityIf?.find((s) => this.has(s.fact));
    return raised ? { ...candidate.finding, severity: raised.severity } : candidate.finding;
  }

  /** Follows `mod:<file>#<name>` through export aliases and re-exports to the declaring file. */
  canonicalize(fact: string): string {
    const m = REF.exec(fact);
    if (!m) return fact;
    const prefix = fact.slice(0, m.index);
    const resolved = this.resolveExport(m[1], m[2], 0);
    return `${prefix}mod:${resolved.file}#${resolved.name}`;
  }

  private resolveExport(file: string, name: string, depth: number): { file: string; name: string } {
    const summary = this.summaries.get(file);
    if (!summary || depth > 20) return { file, name };
    const target = summary.exports[name];
    if (target) {
      if ('local' in target) return { file, name: target.local };
      return this.resolveExport(target.module, target.name, depth + 1);
    }
    if (name !== 'default' && name !== '*') {
      for (const star of summary.starExports) {
        const hit = this.summaries.get(star)?.exports[name];
        if (hit || this.summaries.get(star)?.starExports.length) {
          const r = this.resolveExport(star, name, depth + 1);
          if (r.file !== star || hit) return r;
        }
      }
    }
    return { file, name };
  }
}
