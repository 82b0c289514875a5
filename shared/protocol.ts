// The names client and server agree on besides LSP itself: commands, the status notification,
// the fix-all code action kind. One file, imported by both sides, so they cannot drift.

/** Commands the client contributes to the command palette. */
export const CLIENT_COMMANDS = {
  fixAll: 'stability-lint.fixAll',
  lintWorkspace: 'stability-lint.lintWorkspace',
  showOutput: 'stability-lint.showOutput',
  restart: 'stability-lint.restartServer',
} as const;

/** Commands the server executes (`workspace/executeCommand`); the client forwards to these. */
export const SERVER_COMMANDS = {
  /** Arguments: `{ uri: string, version: number }`. Applies every safe fix via `workspace/applyEdit`. */
  applyFixAll: 'stability-lint.server.applyFixAll',
  /** No arguments: re-reads the workspace from disk and re-lints every file. */
  lintWorkspace: 'stability-lint.server.lintWorkspace',
} as const;

/** The server's state, sent as the `stability-lint/status` notification for the status bar. */
export interface StatusParams {
  state: 'ready' | 'linting' | 'error';
  /** One line for the status bar tooltip. */
  message: string;
}

export const STATUS_NOTIFICATION = 'stability-lint/status';

/**
 * A request for the server's memory use (after a full collection when node runs with
 * --expose-gc): what the soak test samples, and what to ask a server that seems to grow.
 */
export const MEMORY_REQUEST = 'stability-lint/memory';

export interface MemoryResult {
  heapUsed: number;
  rss: number;
  external: number;
}

/** The code action kind `editor.codeActionsOnSave` names to fix a file on save. */
export const FIX_ALL_KIND = 'source.fixAll.stability-lint';
