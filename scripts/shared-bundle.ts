// The entry of dist/bundle.js, the one bundle the CLI, its lint worker threads and the language
// server share: one copy of the TypeScript compiler and the rules on disk, each program a thin
// launcher (dist/cli.js, dist/lint-worker.js, dist/server.js) that starts its part of it. A
// program's modules run only when it starts; the others' stay uncompiled.
export type Program = 'cli' | 'lint-worker' | 'server';

export function start(program: Program): void {
  switch (program) {
    case 'cli':
      require('../cli/main');
      break;
    case 'lint-worker':
      require('../cli/lint-worker');
      break;
    case 'server':
      require('../server/main');
      break;
    default:
      throw new Error(`stability-lint: no program named ${String(program)} in this bundle`);
  }
}
