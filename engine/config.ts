// Configuration: `stability-lint.config.json` (JSONC) or a `stabilityLint` key in package.json,
// found upward from each linted file and merged from the outermost down (a `root: true` stops
// the search). JSON only: a workspace's JavaScript is never run inside the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { LibraryEntry, OptionCondition, ResourceKnowledge, TimeoutKind, TimeoutKnowledge } from './knowledge';
import type { Rule, SeveritySetting } from './types';
import { didYouMean } from './did-you-mean';
import { lineColumn, computeLineStarts } from './text';
import { hasOwnEntry, ownEntry, setOwnEntry } from './own-keys';

export const CONFIG_FILE = 'stability-lint.config.json';
export const PACKAGE_KEY = 'stabilityLint';

export interface RuleSetting {
  severity: SeveritySetting;
  /** True when a config chose the severity: it then applies to every finding of the rule. */
  explicit?: boolean;
  options: Record<string, unknown>;
}

export interface Timeouts extends Record<TimeoutKind, number> {}

/** The configuration in force for one file, after merging every config above it. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** Ignore patterns with the directory they are relative to. */
  ignores: { base: string; patterns: string[] }[];
  runtime: { import?: string };
  libraries: LibraryEntry[];
  timeouts: Timeouts;
  maxFileSize: number;
  /** Let rules ask the type checker about nodes they picked syntactically (slower; off by default). */
  typeAware: boolean;
  /** Lint tests, examples, fixtures, benchmarks and tooling scripts too (skipped by default). */
  lintSupportFiles: boolean;
  /** The config files merged, outermost first (for --print-config and cache keys). */
  sources: string[];
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  http: 10_000,
  dbConnect: 5_000,
  dbQuery: 30_000,
  childProcess: 60_000,
  socket: 10_000,
  event: 30_000,
  // A completion legitimately takes tens of seconds; 2 minutes still fails a stuck one 28 minutes sooner.
  llm: 120_000,
  // SMTP/IMAP socket inactivity: a live server answers within seconds.
  mail: 60_000,
  // A broker's connect and handshake (amqplib): a reachable broker answers within a second.
  connect: 10_000,
};

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A configuration that cannot be used: says which file, where, and what to write instead. */
export class ConfigError extends Error {
  readonly detail: string;

  constructor(readonly file: string, readonly line: number, readonly column: number, detail: string) {
    // One line, always: a key quoted from the file may hold a line break or other control characters.
    const oneLine = detail.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    super(`${file}:${line}:${column}: ${oneLine}`);
    this.detail = oneLine;
    this.name = 'ConfigError';
  }
}

/** One config file as written, validated. */
interface ConfigLayer {
  file: string;
  dir: string;
  root: boolean;
  rules: Record<string, Partial<RuleSetting>>;
  ignores: string[];
  runtime: { import?: string };
  libraries: LibraryEntry[];
  timeouts: Partial<Timeouts>;
  maxFileSize?: number;
  typeAware?: boolean;
  lintSupportFiles?: boolean;
}

export const TOP_KEYS = ['$schema', 'root', 'rules', 'ignores', 'runtime', 'libraries', 'timeouts', 'maxFileSize', 'typeAware', 'lintSupportFiles'];
const SEVERITIES: SeveritySetting[] = ['off', 'info', 'warn', 'error'];
const SEVERITY_ALIASES: Record<string, SeveritySetting> = { warning: 'warn', '0': 'off', '1': 'warn', '2': 'error' };

/** Finds, parses, validates and merges configs; caches by directory for a run. */
export class ConfigLoader {
  private readonly layerByDir = new Map<string, ConfigLayer | null>();
  private readonly resolvedByDir = new Map<string, ResolvedConfig>();
  private defaultConfig: ResolvedConfig | undefined;

  constructor(
    private readonly rules: ReadonlyMap<string, Rule<any>>,
    /** An explicit --config file: used instead of searching. */
    private readonly explicitFile?: string,
    /** Overrides from the command line or editor settings, applied last. */
    private readonly overrides?: Partial<Pick<ConfigLayer, 'rules' | 'runtime' | 'timeouts'>>,
    /** Rules named with --rule: they run even where a config turns them off. */
    private readonly enable: readonly string[] = [],
  ) {}

  /** Validates a file up front so a bad --config fails before any linting. */
  static validateFile(file: string, rules: ReadonlyMap<string, Rule<any>>): void {
    readLayer(file, rules);
  }

  /** The built-in defaults plus overrides, with no config file: what an editor falls back to while a config is broken. */
  defaults(): ResolvedConfig {
    return (this.defaultConfig ??= merge([], this.rules, this.overrides));
  }

  forFile(file: string): ResolvedConfig {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  forDir(dir: string): ResolvedConfig {
    // An explicit --config applies alike in every folder: read and resolved once.
    const key = this.explicitFile !== undefined ? '' : dir;
    let resolved = this.resolvedByDir.get(key);
    if (!resolved) {
      const layers = this.explicitFile ? [readLayer(this.explicitFile, this.rules)] : this.chain(dir);
      resolved = merge(layers, this.rules, this.overrides);
      for (const id of this.enable) {
        const setting = resolved.rules[id];
        if (setting?.severity === 'off') {
          const fallback = this.rules.get(id)!.meta.defaultSeverity;
          resolved.rules[id] = { ...setting, severity: fallback === 'off' ? 'warn' : fallback, explicit: false };
        }
      }
      this.resolvedByDir.set(key, resolved);
    }
    return resolved;
  }

  /** The layers that apply in `dir`, outermost first. */
  private chain(dir: string): ConfigLayer[] {
    const layers: ConfigLayer[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      const layer = this.layerIn(d);
      if (layer) {
        layers.unshift(layer);
        if (layer.root) break;
      }
      if (path.dirname(d) === d) break;
    }
    return layers;
  }

  private layerIn(dir: string): ConfigLayer | null {
    let layer = this.layerByDir.get(dir);
    if (layer === undefined) {
      const configFile = path.join(dir, CONFIG_FILE);
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(configFile)) layer = readLayer(configFile, this.rules);
      else if (fs.existsSync(pkg)) layer = readPackageLayer(pkg, this.rules);
      else layer = null;
      this.layerByDir.set(dir, layer);
    }
    return layer;
  }
}

function merge(
  layers: ConfigLayer[],
  rules: ReadonlyMap<string, Rule<any>>,
  overrides?: Partial<Pick<ConfigLayer, 'rules' | 'runtime' | 'timeouts'>>,
): ResolvedConfig {
  const out: ResolvedConfig = {
    rules: {},
    ignores: [],
    runtime: {},
    libraries: [],
    timeouts: { ...DEFAULT_TIMEOUTS },
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    typeAware: false,
    lintSupportFiles: false,
    sources: layers.map((l) => l.file),
  };
  for (const [id, rule] of rules) {
    out.rules[id] = { severity: rule.meta.defaultSeverity, options: { ...(rule.meta.defaultOptions as object) } };
  }
  const apply = (layer: Partial<ConfigLayer>) => {
    for (const [id, s] of Object.entries(layer.rules ?? {})) {
      const cur = out.rules[id];
      out.rules[id] = {
        severity: s.severity ?? cur.severity,
        explicit: cur.explicit || s.severity !== undefined,
        options: { ...cur.options, ...s.options },
      };
    }
    if (layer.ignores?.length && layer.dir) out.ignores.push({ base: layer.dir, patterns: layer.ignores });
    if (layer.runtime?.import !== undefined) out.runtime = { import: layer.runtime.import };
    if (layer.libraries) out.libraries.push(...layer.libraries);
    Object.assign(out.timeouts, layer.timeouts ?? {});
    if (layer.maxFileSize !== undefined) out.maxFileSize = layer.maxFileSize;
    if (layer.typeAware !== undefined) out.typeAware = layer.typeAware;
    if (layer.lintSupportFiles !== undefined) out.lintSupportFiles = layer.lintSupportFiles;
  };
  for (const layer of layers) apply(layer);
  if (overrides) apply(overrides);
  return out;
}

function readPackageLayer(file: string, rules: ReadonlyMap<string, Rule<any>>): ConfigLayer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  // A package.json that does not mention us is none of our business, even if it is broken.
  if (!text.includes(`"${PACKAGE_KEY}"`)) return null;
  const tree = parseJson(file, text);
  const node = findNodeAtLocation(tree, [PACKAGE_KEY]);
  if (!node) return null;
  return validateLayer(file, text, node, rules);
}

function readLayer(file: string, rules: ReadonlyMap<string, Rule<any>>): ConfigLayer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, 1, 1, `cannot read config file: ${(e as Error).message}`);
  }
  const tree = parseJson(file, text);
  if (path.basename(file) === 'package.json') {
    const node = findNodeAtLocation(tree, [PACKAGE_KEY]);
    if (!node) throw new ConfigError(file, 1, 1, `package.json has no "${PACKAGE_KEY}" key`);
    return validateLayer(file, text, node, rules);
  }
  return validateLayer(file, text, tree, rules);
}

function parseJson(file: string, text: string): JsonNode {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    const err = errors[0];
    const at = err ? lineColumn(computeLineStarts(text), err.offset) : { line: 1, column: 1 };
    throw new ConfigError(file, at.line, at.column, `invalid JSON: ${err ? printParseErrorCode(err.error) : 'empty file'}`);
  }
  return tree;
}

function validateLayer(file: string, text: string, root: JsonNode, rules: ReadonlyMap<string, Rule<any>>): ConfigLayer {
  const starts = computeLineStarts(text);
  const fail = (node: JsonNode, detail: string): never => {
    const at = lineColumn(starts, node.offset);
    throw new ConfigError(file, at.line, at.column, detail);
  };
  const value = (node: JsonNode): unknown => jsonValue(node);
  if (root.type !== 'object') fail(root, 'the configuration must be a JSON object');
  const layer: ConfigLayer = { file, dir: path.dirname(file), root: false, rules: {}, ignores: [], runtime: {}, libraries: [], timeouts: {} };

  for (const prop of root.children ?? []) {
    const [keyNode, valNode] = prop.children as [JsonNode, JsonNode];
    const key = keyNode.value as string;
    switch (key) {
      case '$schema':
        break;
      case 'root':
        if (valNode.type !== 'boolean') fail(valNode, '"root" must be true or false');
        layer.root = valNode.value as boolean;
        break;
      case 'rules':
        if (valNode.type !== 'object') fail(valNode, '"rules" must be an object of rule id -> severity or [severity, options]');
        for (const rp of valNode.children ?? []) {
          const [idNode, settingNode] = rp.children as [JsonNode, JsonNode];
          const id = idNode.value as string;
          const rule = rules.get(id);
          if (!rule) fail(idNode, `unknown rule "${id}"${didYouMean(id, [...rules.keys()])}`);
          layer.rules[id] = parseRuleSetting(rule!, settingNode, fail);
        }
        break;
      case 'ignores': {
        const v = value(valNode);
        if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) fail(valNode, '"ignores" must be an array of glob strings');
        layer.ignores = v as string[];
        break;
      }
      case 'runtime': {
        const v = value(valNode) as Record<string, unknown>;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(valNode, '"runtime" must be an object like { "import": "@acme/runtime" }');
        for (const k of Object.keys(v)) {
          if (k !== 'import') fail(findNodeAtLocation(valNode, [k])!.parent!.children![0], `unknown key "runtime.${k}"${didYouMean(k, ['import'])}`);
        }
        if (v.import !== undefined && typeof v.import !== 'string') fail(findNodeAtLocation(valNode, ['import'])!, '"runtime.import" must be a module specifier string');
        layer.runtime = { import: v.import as string | undefined };
        break;
      }
      case 'libraries':
        layer.libraries = parseLibraries(valNode, fail);
        break;
      case 'timeouts':
        if (valNode.type !== 'object') fail(valNode, '"timeouts" must be an object of kind -> milliseconds');
        for (const tp of valNode.children ?? []) {
          const [kNode, vNode] = tp.children as [JsonNode, JsonNode];
          const k = kNode.value as string;
          if (!hasOwnEntry(DEFAULT_TIMEOUTS, k)) fail(kNode, `unknown timeout kind "${k}"${didYouMean(k, Object.keys(DEFAULT_TIMEOUTS))}`);
          if (vNode.type !== 'number' || !(vNode.value > 0)) fail(vNode, `"timeouts.${k}" must be a positive number of milliseconds`);
          layer.timeouts[k as TimeoutKind] = vNode.value as number;
        }
        break;
      case 'typeAware':
        if (valNode.type !== 'boolean') fail(valNode, '"typeAware" must be true or false');
        layer.typeAware = valNode.value as boolean;
        break;
      case 'lintSupportFiles':
        if (valNode.type !== 'boolean') fail(valNode, '"lintSupportFiles" must be true or false');
        layer.lintSupportFiles = valNode.value as boolean;
        break;
      case 'maxFileSize':
        if (valNode.type !== 'number' || !(valNode.value > 0)) fail(valNode, '"maxFileSize" must be a positive number of bytes');
        layer.maxFileSize = valNode.value as number;
        break;
      default:
        fail(keyNode, `unknown key "${key}"${didYouMean(key, TOP_KEYS)}`);
    }
  }
  return layer;
}

function parseRuleSetting(rule: Rule<any>, node: JsonNode, fail: (n: JsonNode, m: string) => never): Partial<RuleSetting> {
  const id = rule.meta.id;
  const sevNode = node.type === 'array' ? node.children?.[0] : node;
  if (!sevNode) return fail(node, `rule "${id}": expected a severity (${SEVERITIES.join(', ')})`);
  const raw = String(sevNode.value);
  const severity = SEVERITIES.includes(raw as SeveritySetting) ? (raw as SeveritySetting) : ownEntry(SEVERITY_ALIASES, raw);
  if (!severity || (sevNode.type !== 'string' && sevNode.type !== 'number')) {
    return fail(sevNode, `rule "${id}": invalid severity ${JSON.stringify(sevNode.value)}; use one of ${SEVERITIES.join(', ')}${didYouMean(raw, SEVERITIES)}`);
  }
  const setting: Partial<RuleSetting> = { severity, options: {} };
  const optNode = node.type === 'array' ? node.children?.[1] : undefined;
  if (optNode) {
    if (optNode.type !== 'object') fail(optNode, `rule "${id}": options must be an object`);
    const schema = rule.meta.options;
    for (const op of optNode.children ?? []) {
      const [kNode, vNode] = op.children as [JsonNode, JsonNode];
      const k = kNode.value as string;
      const spec = ownEntry(schema, k);
      if (!spec) {
        const known = Object.keys(schema);
        fail(kNode, `rule "${id}": unknown option "${k}"${didYouMean(k, known)}${known.length ? '' : ' (this rule has no options)'}`);
      }
      const v = jsonValue(vNode);
      const ok = spec.type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === spec.type;
      if (!ok) fail(vNode, `rule "${id}": option "${k}" must be a ${spec.type}`);
      setOwnEntry(setting.options!, k, v);
    }
  }
  return setting;
}

export const LIBRARY_KEYS = ['module', 'call', 'invoke', 'timeout', 'resource', 'note', 'when', 'returns', 'types'];
export const TIMEOUT_KEYS = ['kind', 'optionsArg', 'boundedBy', 'fix', 'boundingMethod', 'createsInstance', 'noPeerWith', 'onlyWithOption', 'projectDefaults', 'projectDefaultCalls'];
export const RESOURCE_KEYS = ['kind', 'release', 'releaseIdempotent', 'releaseIsFunction', 'releaseAwaitable', 'checkout', 'checkoutRelease', 'checkoutReleasedByPool',
  'idempotentReleases', 'scope', 'noun', 'pilesUp', 'closedWithParent', 'openState', 'openedBy', 'handles'];
export const CONDITION_KEYS = ['key', 'arg', 'equals', 'present', 'source', 'literal'];
const INSTANCE_KEYS = ['timeout', 'resource', 'returns'];

type Fail = (n: JsonNode, m: string) => never;

function parseLibraries(node: JsonNode, fail: Fail): LibraryEntry[] {
  if (node.type !== 'array') fail(node, '"libraries" must be an array of library entries');
  const out: LibraryEntry[] = [];
  for (const entryNode of node.children ?? []) {
    if (entryNode.type !== 'object') fail(entryNode, 'a library entry must be an object with "module" and "call"');
    for (const p of entryNode.children ?? []) {
      const k = p.children![0].value as string;
      if (!LIBRARY_KEYS.includes(k)) fail(p.children![0], `unknown library key "${k}"${didYouMean(k, LIBRARY_KEYS)}`);
    }
    const e = jsonValue(entryNode) as Record<string, any>;
    if (typeof e.module !== 'string' || typeof e.call !== 'string') fail(entryNode, 'a library entry needs "module" and "call" strings');
    const entry: LibraryEntry = { module: e.module.replace(/^node:/, ''), call: e.call, invoke: e.invoke ?? 'either' };
    if (!['new', 'call', 'either'].includes(entry.invoke)) fail(findNodeAtLocation(entryNode, ['invoke'])!, '"invoke" must be "new", "call" or "either"');
    Object.assign(entry, parseInstance(entryNode, e, fail));
    if (e.note !== undefined) entry.note = String(e.note);
    if (e.types !== undefined) entry.types = stringList(findNodeAtLocation(entryNode, ['types'])!, e.types, 'types', fail);
    if (e.when !== undefined) entry.when = parseConditions(findNodeAtLocation(entryNode, ['when'])!, e.when, fail);
    out.push(entry);
  }
  return out;
}

/** `timeout`, `resource` and `returns` (methods on the returned value, each the same shape). */
function parseInstance(node: JsonNode, e: Record<string, any>, fail: Fail): Pick<LibraryEntry, 'timeout' | 'resource' | 'returns'> {
  const out: Pick<LibraryEntry, 'timeout' | 'resource' | 'returns'> = {};
  if (e.timeout !== undefined) out.timeout = parseTimeout(findNodeAtLocation(node, ['timeout'])!, e.timeout, fail);
  if (e.resource !== undefined) out.resource = parseResource(findNodeAtLocation(node, ['resource'])!, e.resource, fail);
  if (e.returns !== undefined) {
    const rNode = findNodeAtLocation(node, ['returns'])!;
    if (typeof e.returns !== 'object' || e.returns === null || Array.isArray(e.returns)) fail(rNode, '"returns" must be an object of method name -> { timeout, resource, returns }');
    out.returns = {};
    for (const [method, k] of Object.entries(e.returns as Record<string, any>)) {
      const mNode = findNodeAtLocation(rNode, [method])!;
      if (typeof k !== 'object' || k === null) fail(mNode, `"returns.${method}" must be an object`);
      for (const key of Object.keys(k)) if (!INSTANCE_KEYS.includes(key)) fail(mNode, `unknown key "${key}" in "returns.${method}"${didYouMean(key, INSTANCE_KEYS)}`);
      out.returns[method] = parseInstance(mNode, k, fail);
    }
  }
  return out;
}

function parseTimeout(tNode: JsonNode, t: any, fail: Fail): TimeoutKnowledge {
  if (typeof t !== 'object' || t === null) fail(tNode, '"timeout" must be an object');
  for (const k of Object.keys(t)) if (!TIMEOUT_KEYS.includes(k)) fail(tNode, `unknown timeout key "${k}"${didYouMean(k, TIMEOUT_KEYS)}`);
  if (!hasOwnEntry(DEFAULT_TIMEOUTS, t.kind)) fail(tNode, `"timeout.kind" must be one of ${Object.keys(DEFAULT_TIMEOUTS).join(', ')}`);
  const byMethod = t.fix?.value === 'method';
  if (!Array.isArray(t.boundedBy) || (!t.boundedBy.length && !byMethod)) fail(tNode, '"timeout.boundedBy" must list the option keys that bound the call');
  if (byMethod && !t.boundingMethod) fail(tNode, 'a "method" fix needs "timeout.boundingMethod", the method that bounds the call');
  const fixOption = t.fix?.option ?? (byMethod ? t.boundingMethod : t.boundedBy[0]);
  return {
    kind: t.kind,
    optionsArg: typeof t.optionsArg === 'number' ? t.optionsArg : -1,
    boundedBy: t.boundedBy,
    fix: { option: fixOption, value: t.fix?.value ?? (fixOption === 'signal' ? 'abort-signal' : 'ms'), ...(typeof t.fix?.ms === 'number' ? { ms: t.fix.ms } : {}) },
    boundingMethod: t.boundingMethod,
    createsInstance: t.createsInstance,
    noPeerWith: t.noPeerWith,
    onlyWithOption: t.onlyWithOption,
    projectDefaults: t.projectDefaults,
    projectDefaultCalls: t.projectDefaultCalls,
  };
}

function parseResource(rNode: JsonNode, r: any, fail: Fail): ResourceKnowledge {
  if (typeof r !== 'object' || r === null) fail(rNode, '"resource" must be an object');
  for (const k of Object.keys(r)) if (!RESOURCE_KEYS.includes(k)) fail(rNode, `unknown resource key "${k}"${didYouMean(k, RESOURCE_KEYS)}`);
  if (!Array.isArray(r.release) || !r.release.length) fail(rNode, '"resource.release" must list the methods that release it');
  if (r.scope !== undefined && !['per-call', 'service'].includes(r.scope)) fail(rNode, '"resource.scope" must be "per-call" or "service"');
  return { kind: r.kind ?? 'client', release: r.release, releaseIdempotent: r.releaseIdempotent ?? false,
    releaseIsFunction: r.releaseIsFunction, releaseAwaitable: r.releaseAwaitable, checkout: r.checkout, checkoutRelease: r.checkoutRelease, checkoutReleasedByPool: r.checkoutReleasedByPool,
    idempotentReleases: r.idempotentReleases, scope: r.scope, noun: r.noun, pilesUp: r.pilesUp, closedWithParent: r.closedWithParent, openState: r.openState, openedBy: r.openedBy,
    handles: r.handles,
  };
}

function parseConditions(node: JsonNode, when: unknown, fail: Fail): OptionCondition[] {
  if (!Array.isArray(when)) fail(node, '"when" must be an array of conditions on the options');
  return when.map((c, i) => {
    const cNode = node.children![i];
    if (typeof c !== 'object' || c === null) fail(cNode, 'a condition must be an object with "key" (or "arg")');
    for (const k of Object.keys(c)) if (!CONDITION_KEYS.includes(k)) fail(cNode, `unknown condition key "${k}"${didYouMean(k, CONDITION_KEYS)}`);
    if (typeof c.key !== 'string' && typeof c.arg !== 'number') fail(cNode, 'a condition needs "key" (an option) or "arg" (an argument index)');
    return c as OptionCondition;
  });
}

function stringList(node: JsonNode, v: unknown, name: string, fail: Fail): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(node, `"${name}" must be an array of strings`);
  return v;
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) setOwnEntry(o, p.children![0].value as string, jsonValue(p.children![1]));
      return o;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}
