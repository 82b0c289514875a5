// Whether a default time bound suits a call (the spec's "Fix safety": an `npm install` or a
// user's build command gets no 60 s kill). The finding stands either way; where the default
// would cut off legitimate work, no fix writes it and the user picks the bound.
import { ts } from 'ts-morph';
import type { TimeoutKind } from '../../engine/knowledge';
import { Outer, skipOuter } from '../shared/ast';

/** Commands that take as long as the network and the project make them: installs, builds, deploys, test runs. */
const LONG_RUNNING = new RegExp(
  '^\\s*(?:sudo\\s+)?(?:' + [
    '(?:npm|pnpm|yarn|bun|npx|pnpx|bunx|corepack)\\b', 'nvm\\b', 'fnm\\b', 'volta\\b', 'pip3?\\b', 'poetry\\b', 'apt(?:-get)?\\b', 'brew\\b',
    'cargo\\b', 'go\\s+(?:build|install|get|test|mod)\\b', 'mvn\\b', 'gradlew?\\b', 'make\\b', 'cmake\\b', 'docker\\b', 'podman\\b', 'kubectl\\b',
    'helm\\b', 'terraform\\b', 'git\\s+(?:clone|fetch|pull|push|submodule)\\b', 'tsc\\b', 'webpack\\b', 'vite\\b', 'rollup\\b', 'esbuild\\b',
    'next\\s+build\\b', 'jest\\b', 'vitest\\b', 'mocha\\b', 'playwright\\b', 'ffmpeg\\b', 'rsync\\b', 'scp\\b', 'curl\\b', 'wget\\b',
  ].join('|') + ')',
);

/**
 * False where the default bound of `kind` would stop work that is slow by nature: a child
 * process whose command is not written in the code (a user's or a config's) or that installs,
 * builds, deploys or downloads; an HTTP request that uploads a body of unknown size.
 */
export function defaultBoundSuits(node: ts.CallExpression | ts.NewExpression, kind: TimeoutKind): boolean {
  if (kind === 'childProcess') {
    const command = node.arguments?.[0] && skipOuter(node.arguments[0], Outer.Parens);
    if (!command || !ts.isStringLiteralLike(command)) return false;
    return !LONG_RUNNING.test(command.text);
  }
  if (kind === 'http') return !uploadsUnknownSize(node);
  return true;
}

/** `fetch(url, { body: stream })`, `{ duplex: 'half' }`: a body that is not a literal or `JSON.stringify(…)`. */
function uploadsUnknownSize(node: ts.CallExpression | ts.NewExpression): boolean {
  for (const arg of node.arguments ?? []) {
    const e = skipOuter(arg, Outer.Parens | Outer.As);
    if (!ts.isObjectLiteralExpression(e)) continue;
    for (const p of e.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (name === 'duplex') return true;
      if (name !== 'body') continue;
      if (!ts.isPropertyAssignment(p)) return true;
      const v = skipOuter(p.initializer, Outer.Parens | Outer.As);
      const small = ts.isStringLiteralLike(v) || ts.isTemplateExpression(v) || ts.isObjectLiteralExpression(v) ||
        (ts.isCallExpression(v) && v.expression.getText() === 'JSON.stringify') || (ts.isNewExpression(v) && v.expression.getText() === 'URLSearchParams');
      if (!small) return true;
    }
  }
  return false;
}
