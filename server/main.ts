// stability-lint-language-server: `--stdio` for editors that speak LSP over pipes, Node IPC
// (`--node-ipc`) when VS Code starts it. The transport is picked from the command line.
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { allRules } from '../rules';
import { startServer } from './connection';

const connection = createConnection(ProposedFeatures.all);

// The server outlives any one bad file or rule: an unexpected error is logged, never fatal.
process.on('uncaughtException', (e) => connection.console.error(`stability-lint: uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`stability-lint: unhandled rejection: ${(e as Error)?.stack ?? e}`));

// The CLI's worker script serves the same rules: beside this bundle when built, the source under tsx.
const workerScript = path.join(__dirname, __filename.endsWith('.ts') ? '../cli/lint-worker.ts' : 'lint-worker.js');
/** Resolves once the first open document was linted: the launcher writes the V8 code cache then, holding the lint's functions too. */
export const warmedUp = new Promise<void>((resolve) => startServer(connection, allRules, { workerScript, onFirstLint: resolve }));
