// SARIF 2.1.0 for GitHub code scanning: one run, every rule's metadata with a docs link, a
// result per problem with a region, a fingerprint that survives unrelated edits and every fix
// (its edits in each file, the shim file it adds, its class), and files that could not be
// linted as tool execution notifications.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chosenFix, pendingCreations } from '../../engine/apply-fixes';
import type { Finding, Fix, LintMessage, RelatedLocation, Rule, SeveritySetting } from '../../engine/types';
import { fixClasses } from '../list-rules';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION, ruleDocsUrl } from '../product';
import type { SourceTexts } from '../source-texts';
import type { FormatContext, Formatter } from './formatter';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our fingerprint in `partialFingerprints`; bump the version if the hash changes. */
export const FINGERPRINT_KEY = 'stabilityLint/v1';
/** Reports of unused suppression comments carry no rule id in the engine; SARIF needs one. */
export const UNUSED_DIRECTIVE_RULE_ID = 'unused-disable-directive';

type Level = 'error' | 'warning' | 'note' | 'none';
const LEVEL: Record<SeveritySetting, Level> = { error: 'error', warn: 'warning', info: 'note', off: 'none' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: Level; enabled?: boolean };
  /** `fixes`: the classes of fix the rule offers (`safe+unsafe`, `none`). */
  properties: { tags: string[]; fixes?: string };
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: Region;
}

export const formatSarif: Formatter = (reports, ctx) => {
  const rules: SarifRule[] = [...ctx.rules.values()].map(sarifRule);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const indexOf = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.push(id === UNUSED_DIRECTIVE_RULE_ID ? unusedDirectiveRule() : unknownRule(id)) - 1;
      ruleIndex.set(id, i);
    }
    return i;
  };
  const occurrences = new Map<string, number>();
  const results: object[] = [];
  const notifications: object[] = [];

  for (const report of reports) {
    const location = (m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): PhysicalLocation => ({
      artifactLocation: artifactLocation(ctx.cwd, report.file),
      region: region(m),
    });
    for (const m of report.messages) {
      if (m.fatal) {
        notifications.push({ level: LEVEL[m.severity], message: { text: m.message }, locations: [{ physicalLocation: location(m) }] });
        continue;
      }
      const ruleId = m.ruleId ?? UNUSED_DIRECTIVE_RULE_ID;
      const result: Record<string, unknown> = {
        ruleId,
        ruleIndex: indexOf(ruleId),
        level: LEVEL[m.severity],
        message: { text: m.message },
        locations: [{ physicalLocation: location(m) }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(ruleId, report.file, m.line, ctx, occurrences) },
      };
      const related = m.finding?.related;
      if (related?.length) result.relatedLocations = related.map((r, i) => relatedLocation(r, i + 1, ctx));
      if (m.finding && (m.finding.fixes?.length || m.finding.suggestions?.length)) result.fixes = sarifFixes(m.finding, ctx);
      results.push(result);
    }
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, informationUri: REPOSITORY_URL, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * Every fix and suggestion of a finding as SARIF fixes: one artifact change per file it edits,
 * and one per file it adds (the runtime shim, its whole text inserted). Which class each is,
 * and which command applies it, go in the property bag.
 */
function sarifFixes(finding: Finding, ctx: FormatContext): object[] {
  const safe = chosenFix(finding, 'safe');
  const unsafe = chosenFix(finding, 'unsafe');
  const one = (fix: Fix, kind: 'fix' | 'suggestion'): object => {
    const byFile = new Map<string, object[]>();
    for (const e of fix.edits) {
      const start = ctx.texts.position(e.file, e.start);
      const end = ctx.texts.position(e.file, e.end);
      const deletedRegion = start && end
        ? { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column }
        : { charOffset: e.start, charLength: e.end - e.start };
      byFile.set(e.file, [...(byFile.get(e.file) ?? []), { deletedRegion, insertedContent: { text: e.newText } }]);
    }
    const artifactChanges: object[] = pendingCreations(fix).map((c) => ({
      artifactLocation: artifactLocation(ctx.cwd, c.file),
      replacements: [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: c.content } }],
    }));
    for (const [file, replacements] of byFile) artifactChanges.push({ artifactLocation: artifactLocation(ctx.cwd, file), replacements });
    const appliedBy = [...(fix === safe ? ['--fix'] : []), ...(fix === unsafe ? ['--fix --unsafe'] : [])];
    return {
      description: { text: fix.safety === 'unsafe' ? `${fix.title} (unsafe)` : fix.title },
      artifactChanges,
      properties: { safety: fix.safety, kind, appliedBy },
    };
  };
  return [...(finding.fixes ?? []).map((f) => one(f, 'fix')), ...(finding.suggestions ?? []).map((f) => one(f, 'suggestion'))];
}

function sarifRule(rule: Rule<any>): SarifRule {
  const { id, description, defaultSeverity } = rule.meta;
  const helpUri = ruleDocsUrl(id);
  const defaultConfiguration: SarifRule['defaultConfiguration'] = { level: LEVEL[defaultSeverity] };
  if (defaultSeverity === 'off') defaultConfiguration.enabled = false;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri,
    help: { text: `${description}\nDocumentation: ${helpUri}` },
    defaultConfiguration,
    properties: { tags: ['reliability', 'node.js'], fixes: fixClasses(rule.meta.fixable) },
  };
}

function unusedDirectiveRule(): SarifRule {
  const text = 'A stability-lint-disable comment that suppresses no problem: remove it.';
  return {
    id: UNUSED_DIRECTIVE_RULE_ID,
    name: pascalCase(UNUSED_DIRECTIVE_RULE_ID),
    shortDescription: { text },
    fullDescription: { text },
    help: { text },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['maintainability'] },
  };
}

/** A result whose rule the run does not list (a rule injected by a caller): still well-formed. */
function unknownRule(id: string): SarifRule {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: id },
    fullDescription: { text: id },
    help: { text: id },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['reliability'] },
  };
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Relative to the working directory under %SRCROOT%; a file outside it keeps an absolute file URI. */
function artifactLocation(cwd: string, file: string): PhysicalLocation['artifactLocation'] {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): Region {
  const r: Region = { startLine: m.line, startColumn: m.column };
  if (m.endLine !== undefined) r.endLine = m.endLine;
  if (m.endColumn !== undefined) r.endColumn = m.endColumn;
  return r;
}

function relatedLocation(r: RelatedLocation, id: number, ctx: FormatContext): object {
  const physicalLocation: PhysicalLocation = { artifactLocation: artifactLocation(ctx.cwd, r.file) };
  const start = ctx.texts.position(r.file, r.range.start);
  const end = ctx.texts.position(r.file, r.range.end);
  if (start && end) physicalLocation.region = { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  return { id, physicalLocation, message: { text: r.message } };
}

/**
 * Rule + file + the flagged line's text without whitespace: stable when lines above
 * move, changed when the flagged code changes. Identical lines in one file are told apart by
 * their occurrence number, as GitHub's own line hash does.
 */
function fingerprint(ruleId: string, file: string, line: number, ctx: FormatContext, occurrences: Map<string, number>): string {
  const text = normalizedLine(ctx.texts, file, line);
  const hash = createHash('sha256').update(`${ruleId}\u0000${displayRelative(ctx.cwd, file)}\u0000${text}`).digest('hex').slice(0, 32);
  const n = (occurrences.get(hash) ?? 0) + 1;
  occurrences.set(hash, n);
  return `${hash}:${n}`;
}

function normalizedLine(texts: SourceTexts, file: string, line: number): string {
  // All whitespace goes, as in GitHub's own line hash: re-indenting or reformatting the line
  // must not make an old alert look new.
  return texts.lineText(file, line).replace(/\s+/g, '');
}

/** The path as hashed: relative and with forward slashes, so fingerprints match across machines. */
function displayRelative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
