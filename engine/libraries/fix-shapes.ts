// How fixes add a bound, shared by the library tables: a signal, or the library's `timeout`.
export const ABORT_SIGNAL = { option: 'signal', value: 'abort-signal' } as const;
export const TIMEOUT_MS = { option: 'timeout', value: 'ms' } as const;
