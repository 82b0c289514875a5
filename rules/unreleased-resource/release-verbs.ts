// The verb a lifetime message uses for a resource's release: the release the knowledge names
// first (`destroy` for a multicast DNS socket, `disconnect` for a client), so the message's
// "never destroyed … destroy it" agrees with the fix that calls `destroy()`.
import type { ResourceKind } from '../../engine/knowledge';

/** Past participle of each release verb a message can name; any other release reads as "closed". */
const PARTICIPLES: Record<string, string> = {
  close: 'closed',
  destroy: 'destroyed',
  end: 'ended',
  disconnect: 'disconnected',
  terminate: 'terminated',
  release: 'released',
  shutdown: 'shut down',
  kill: 'killed',
  stop: 'stopped',
};

/** `['destroyed', 'destroy']` for a release `destroy()` (or `$destroy`, `destroyAsync`); `['cleared', 'clear']` for an interval. */
export function releaseWords(kind: ResourceKind, method: string | undefined): [string, string] {
  if (kind === 'interval') return ['cleared', 'clear'];
  const verb = method?.replace(/^\$/, '').replace(/Async$/, '');
  if (verb === 'shutdown') return ['shut down', 'shut down'];
  return verb && PARTICIPLES[verb] ? [PARTICIPLES[verb], verb] : ['closed', 'close'];
}
