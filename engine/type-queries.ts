// Opt-in type queries (config `"typeAware": true`): a ts-morph project per tsconfig, created
// on the first question and asked only about nodes a rule's syntactic pre-filter picked. Rules
// must work without it; types may only refine a finding (e.g. prove an options variable has
// no `timeout`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Project } from 'ts-morph';
import { ts } from 'ts-morph';

export class TypeQueries {
  private readonly projects = new Map<string, Project>();

  /**
   * The property names of the type of the expression at `node` in `file` (whose current text
   * is `text`), or undefined when the type is unknown (`any`, unresolved, not an object).
   */
  propertyNames(file: string, text: string, node: ts.Node, sf: ts.SourceFile): string[] | undefined {
    const wrapped = this.find(file, text, node.getStart(sf), node.end - node.getStart(sf));
    if (!wrapped) return undefined;
    const type = wrapped.getType();
    if (type.isAny() || type.isUnknown() || !type.isObject()) return undefined;
    return type.getProperties().map((p) => p.getName());
  }

  private find(file: string, text: string, start: number, width: number) {
    const project = this.projectFor(file);
    const existing = project.getSourceFile(file);
    const sf = existing && existing.getFullText() === text ? existing : project.createSourceFile(file, text, { overwrite: true });
    return sf.getDescendantAtStartWithWidth(start, width);
  }

  private projectFor(file: string): Project {
    const tsconfig = nearestConfig(path.dirname(file));
    const key = tsconfig ?? '<none>';
    let project = this.projects.get(key);
    if (!project) {
      // ts-morph's own API, loaded by the first type-aware question (the bundle's `ts-morph` import is the compiler alone).
      const { Project } = require('ts-morph') as typeof import('ts-morph');
      project = tsconfig
        ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
        : new Project({ compilerOptions: { allowJs: true, target: ts.ScriptTarget.ES2022, strict: true } });
      this.projects.set(key, project);
    }
    return project;
  }
}

function nearestConfig(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const p = path.join(d, name);
      if (fs.existsSync(p)) return p;
    }
    if (path.dirname(d) === d) return undefined;
  }
}
