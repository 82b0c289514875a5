// The --help text: what the tool does, every option, and what the exit codes mean.

export const HELP_TEXT = `Usage: stability-lint [options] [paths...]

Finds code that takes Node.js services down (unbounded loops, missing timeouts, unreleased
resources, double closes, watch-mode start scripts) and fixes it.
Paths are files or folders to lint; the default is the current folder. .gitignore files and
config "ignores" are honoured.

Output:
  -f, --format <name>        Report format: stylish (default), json, sarif, github
  -o, --output-file <file>   Write the report to a file instead of standard output
      --quiet                Report errors only (warnings still count for --max-warnings)
      --max-warnings <n>     Exit with 1 when there are more than n warnings (-1: no limit)
      --color, --no-color    Force or disable colours (default: on for a terminal;
                             NO_COLOR and FORCE_COLOR are respected)

Fixing:
      --fix                  Apply safe fixes and write the changed files. Safe fixes keep
                             what the code does when nothing fails (a release in finally,
                             a guard against a second close, shutdown registration)
      --fix-dry-run          Compute the fixes without writing; with --format json each
                             changed file carries its fixed text as "output"
      --unsafe               With --fix or --fix-dry-run: also apply unsafe fixes, which add
                             a bound that can stop legitimate work (timeouts, concurrency
                             limits, eviction, changed loop conditions). Review the diff

Rules and configuration:
      --rule <rule-id>       Run only this rule (repeat for several)
  -c, --config <file>        Use this config file instead of searching for one
      --print-config <file>  Print the configuration in force for a file, as JSON
      --list-rules           List the rules: id, default severity, fix classes (safe,
                             unsafe, suggestion), description (as JSON with --format json)
      --verbose              With --list-rules: also the libraries each rule knows
      --report-unused-disable-directives
                             Report stability-lint-disable comments that suppress nothing,
                             as warnings
      --report-unused-disable-directives-severity <error|warn>
                             Report them at this severity

Large projects:
      --cache                Lint only files changed since the last --cache run (content
                             hash, config, version); results still settle project-wide
      --cache-location <path>
                             The cache file, or a folder for it (default:
                             .stability-lint-cache); implies --cache
      --shard <k/n>          Report only shard k of n (files split by path), for parallel
                             CI jobs; together the shards report what one run reports

  -v, --version              Print the version
  -h, --help                 Print this help

Exit codes:
  0  no errors, and no more warnings than --max-warnings allows
  1  errors found, or too many warnings
  2  wrong usage, an invalid configuration, or an internal error (a rule that
     failed on a file: after the full report)
`;
