// Keys bounded by an installation: a home-automation integration (an ioBroker adapter, a Homebridge
// plugin) runs for one household and manages the devices, appliances, lights, groups and lists it
// discovers from its own account, bridge or bus. Its module-level dictionaries are per-device state
// (`playerDevices[device.serialNumber] = true`, `channelIds[channelName] = lid`), refreshed as the
// installation is re-read: as many entries as the household has devices, whatever the traffic.
//
// What still grows there is keyed by the traffic: the user or chat a message came from (a Telegram
// adapter's per-user map), a session, a request, a client address, a timestamp. Keys whose words
// name such an identity stay reported, and so do lists (`push`), which grow per event, not per key.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';

/** Dependencies that make a package a plugin of a home-automation host. */
const HOST_MODULES = ['@iobroker/adapter-core', 'homebridge'];
/** Keywords such hosts ask their plugins to carry, so that their plugin lists find them. */
const HOST_KEYWORDS = new Set(['homebridge-plugin']);

/**
 * The linted file belongs to a home-automation integration, as its package.json declares: a
 * dependency on the host's adapter module (ioBroker's `@iobroker/adapter-core`), a `homebridge`
 * engine or peer dependency, or the `homebridge-plugin` keyword.
 */
export function isHomeAutomationIntegration(ctx: RuleContext<any, string, any>): boolean {
  const pkg = ctx.packageDir ? ctx.packageJson(ctx.packageDir) : undefined;
  if (!pkg) return false;
  const fields = ['dependencies', 'peerDependencies', 'engines'].map((f) => pkg[f]);
  if (fields.some((deps) => deps && typeof deps === 'object' && HOST_MODULES.some((m) => m in deps))) return true;
  return Array.isArray(pkg.keywords) && pkg.keywords.some((k) => typeof k === 'string' && HOST_KEYWORDS.has(k.toLowerCase()));
}

/**
 * Words of a key that name who or what sent the traffic, or when: such keys grow with use, not
 * with the installation (`users[msg.from.id]`, `seen[req.ip]`, `byTime[Date.now()]`).
 */
const TRAFFIC_WORDS = new Set([
  'user', 'users', 'chat', 'from', 'sender', 'msg', 'message', 'request', 'req', 'session', 'sid', 'client', 'socket',
  'conn', 'connection', 'ip', 'addr', 'address', 'remote', 'peer', 'token', 'url', 'uri', 'query', 'email', 'phone',
  'ts', 'time', 'timestamp', 'date', 'now', 'nonce', 'random', 'uuid', 'guid', 'hash',
]);

/** The key, by its words, names the traffic's sender, its time or a random value. */
export function namesTraffic(key: ts.Expression): boolean {
  return words(key.getText()).some((w) => TRAFFIC_WORDS.has(w));
}

/** `shDevice.applianceId` -> sh, device, appliance, id; `` `${msg.from.id}` `` -> msg, from, id. */
function words(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
