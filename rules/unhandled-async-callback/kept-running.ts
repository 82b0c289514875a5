// A package whose own `process.on('uncaughtException', …)` handler neither exits nor rethrows, but
// does more than log (straightforward's `listen()` re-emits the error on its proxy, check 51): Node
// hands it the unhandled rejection, so the process survives. The finding stands, since the work
// the async function was doing is left half done, but its message must say that, not "the process
// ends". This builds that message's parts from the finding's own, per message.

/** The message of a finding in such a package: the same case, the true harm. */
export const KEPT_RUNNING_MESSAGE = 'Nothing handles a rejection of {{what}}: {{remedy}}.\n' +
  '{{ignored}}; nothing here catches `{{rejects}}`. The rejection goes to this package\'s `process.on(\'uncaughtException\')` handler ' +
  '(Node raises an unhandled rejection as an uncaught exception), which keeps the process running, so the harm stays here: {{harm}}. {{advice}}';

/** The harm when the process runs on and nothing else is said: the rest of the function never runs. */
const SKIPPED = (rejects: string) => `everything after \`${rejects}\` is skipped, and the error surfaces only in that process-wide handler, away from its cause`;
/** …and when the function serves a request (`(req, res)`, `(req, socket, head)`). */
const UNANSWERED = 'the request it serves is never answered, and the client waits, its connection open, until it gives up';

type Data = Record<string, string | number>;

/**
 * The parts of KEPT_RUNNING_MESSAGE for a finding of `messageId` with `data`; `servesRequest`
 * when the async function takes a request. Undefined for messages whose harm is not the crash.
 */
export function keptRunningData(messageId: string, data: Data, servesRequest: boolean): Data | undefined {
  const rejects = String(data.rejects);
  const sink = `\`${data.sink}\``;
  const harm = servesRequest ? UNANSWERED : SKIPPED(rejects);
  const wrap = 'wrap its body in try/catch';
  switch (messageId) {
    case 'listener':
      return { what: 'this async listener', remedy: wrap, ignored: `${sink} ignores the promise the listener returns (EventEmitters do not await listeners)`, rejects, harm,
        advice: "Handle the error in the catch (log it, emit 'error', answer or close what it serves)." };
    case 'timer':
      return { what: 'this async timer callback', remedy: wrap, ignored: `${sink} ignores the promise the callback returns`, rejects, harm,
        advice: 'Handle the error in the catch (log it, count it, stop the timer).' };
    case 'deferred':
      return { what: 'this async deferred callback', remedy: wrap, ignored: `${sink} runs the callback once, right after the current code, and ignores the promise it returns`, rejects, harm,
        advice: 'Handle the error in the catch (log it, or settle what waits on the work).' };
    case 'callback':
      return { what: 'this async callback', remedy: wrap, ignored: `${sink} calls it Node-style, error first, and ignores the promise it returns`, rejects, harm,
        advice: 'Handle the error in the catch (log it, hand it to your own callback).' };
    case 'route':
    case 'routeElsewhere':
      return { what: 'this async Express 4 handler', remedy: 'catch it and pass it to `next(err)`',
        ignored: messageId === 'route' ? `${sink}: Express 4 calls the handler and ignores the promise it returns` : 'Another file registers it as an Express 4 route, and Express 4 calls the handler and ignores the promise it returns',
        rejects, harm: 'no response is sent, and the request hangs until the client gives up', advice: 'Wrap the body in try/catch and call `next(err)` (Express 5 does this itself).' };
    case 'callbackApi':
      return { what: 'this async function', remedy: `its callers drop the promise and wait for \`${data.cb}\``,
        ignored: `It hands its outcome to \`${data.cb}\`, and every call of it here drops the promise it returns`, rejects,
        harm: `\`${data.cb}\` is never called, so the caller waits forever`, advice: `Wrap the body in try/catch and pass the error to \`${data.cb}(err)\`.` };
    case 'dropped':
      return { what: `\`${data.call}\` in this ${data.where}`, remedy: 'add `.catch(…)`',
        ignored: `${sink} ignores what the callback returns, and the callback drops the promise of the async \`${data.call}\``, rejects, harm,
        advice: 'Catch it where it is dropped (`.catch((err) => …)`: log it, answer what it serves), or inside the async function.' };
    default:
      return undefined;
  }
}
