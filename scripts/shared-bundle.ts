// The entry of dist/bundle.js, the one bundle the CLI, its lint worker threads and the language
// server share: one copy of the TypeScript compiler and the rules on disk, each program a thin
// launcher (dist/cli.js, dist/lint-worker.js, dist/server.js) that starts its part of it. A
// program's modules run only when it starts; the others' stay uncompiled.
export type Program = 'cli' | 'lint-worker' | 'server';

/**
 * Starts `program`. The server answers a promise that resolves once it has done its usual work
 * (the first open file linted): the launcher writes the V8 code cache then, so the next start
 * finds the parser's and the rules' functions compiled too.
 */
export function start(program: Program): Promise<void> | undefined {
  switch (program) {
    case 'cli':
      require('../cli/main');
      return undefined;
    case 'lint-worker':
      require('../cli/lint-worker');
      return undefined;
    case 'server':
      return (require('../server/main') as typeof import('../server/main')).warmedUp;
    default:
      throw new Error(`stability-lint: no program named ${String(program)} in this bundle`);
  }
}
