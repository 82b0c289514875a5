// Command line of `npm run ecosystem -- [options]`.
import { EcosystemError } from './projects';

export interface CheckArgs {
  /** Only these projects (by npm name); all when empty. */
  projects: string[];
  update: boolean;
  prune: boolean;
  context: boolean;
  lock: boolean;
  strict: boolean;
  all: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run ecosystem -- [options]

Installs the pinned corpus (ecosystem/projects.json, verified against projects.lock.json) into
ecosystem/.cache, lints every project with dist/cli.js and compares the findings with the
verdicts in ecosystem/verdicts.json. Exit 1 when a finding is new or has no verdict (or no
reason), or a judged-false finding that had gone is reported again; 0 otherwise.

Options:
  --project <name>   Only this project (repeat for several)
  --update           Merge the findings into verdicts.json: verdicts kept, new findings added
                     with "verdict": null, findings no longer reported marked "gone"
  --prune            With --update: also drop gone findings that were never judged, and
                     projects no longer in projects.json
  --context          Write ecosystem/pending.md: every finding with no verdict and ±8 lines of
                     its code
  --lock             (Re)write projects.lock.json from projects.json (asks the registry only
                     about versions not locked yet), then stop
  --strict           Also fail while any judged-false finding is still reported
  --all              List every entry of every section (default: the first 25 of each)
  -h, --help         Print this help`;

export function parseCheckArgs(argv: string[]): CheckArgs {
  const args: CheckArgs = { projects: [], update: false, prune: false, context: false, lock: false, strict: false, all: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (name) {
      case '--project': {
        const value = inline ?? argv[++i];
        if (!value) throw new EcosystemError('--project needs a project name');
        args.projects.push(value);
        break;
      }
      case '--update':
      case '--prune':
      case '--context':
      case '--lock':
      case '--strict':
      case '--all':
        args[name.slice(2) as 'update' | 'prune' | 'context' | 'lock' | 'strict' | 'all'] = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new EcosystemError(`unknown argument ${arg}\n\n${USAGE}`);
    }
  }
  if (args.prune && !args.update) throw new EcosystemError('--prune only goes with --update');
  return args;
}
