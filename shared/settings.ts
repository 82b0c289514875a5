// The editor settings, one typed shape imported by both the VS Code client and the server so
// the two sides cannot drift. Pure data and validation: no Node or VS Code imports, because
// the client bundle pulls this file in too.

/** The configuration section both sides read (`stabilityLint.enable`, `stabilityLint.rules`, …). */
export const SETTINGS_SECTION = 'stabilityLint';

export type RuleSeveritySetting = 'off' | 'info' | 'warn' | 'error';
export type RunOn = 'onType' | 'onSave';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface Settings {
  /** Lint files in this workspace folder at all. */
  enable: boolean;
  /** Re-lint while typing, or only when the file is saved. */
  run: RunOn;
  /** Per-rule severity overrides, applied over the project's config files. */
  rules: Record<string, RuleSeveritySetting>;
  runtime: {
    /**
     * Module fixes import the runtime shim from. Empty: use the project's config, else create
     * the shim file in the workspace (or import `stability-lint/runtime` when the editor
     * cannot create files).
     */
    import: string;
  };
  trace: { server: TraceLevel };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: {},
  runtime: { import: '' },
  trace: { server: 'off' },
};

/** The shim module fixes import when no module is configured and the shim file cannot be created. */
export const FALLBACK_RUNTIME_IMPORT = 'stability-lint/runtime';

const SEVERITIES: readonly string[] = ['off', 'info', 'warn', 'error'];

/**
 * Settings as the client sent them, checked field by field: anything missing or of the wrong
 * type falls back to its default, so a typo in settings.json never stops the server.
 */
export function normalizeSettings(raw: unknown): Settings {
  const o = isObject(raw) ? raw : {};
  const rules: Record<string, RuleSeveritySetting> = {};
  if (isObject(o.rules)) {
    for (const [id, sev] of Object.entries(o.rules)) {
      if (typeof sev === 'string' && SEVERITIES.includes(sev)) rules[id] = sev as RuleSeveritySetting;
    }
  }
  const runtime = isObject(o.runtime) ? o.runtime : {};
  const trace = isObject(o.trace) ? o.trace : {};
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable,
    run: o.run === 'onSave' || o.run === 'onType' ? o.run : DEFAULT_SETTINGS.run,
    rules,
    runtime: { import: typeof runtime.import === 'string' ? runtime.import.trim() : DEFAULT_SETTINGS.runtime.import },
    trace: { server: trace.server === 'messages' || trace.server === 'verbose' ? trace.server : 'off' },
  };
}

/** Two settings values that lint the same way (trace changes need no re-lint). */
export function sameLintSettings(a: Settings, b: Settings): boolean {
  return a.enable === b.enable && a.run === b.run && a.runtime.import === b.runtime.import &&
    JSON.stringify(Object.entries(a.rules).sort()) === JSON.stringify(Object.entries(b.rules).sort());
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
