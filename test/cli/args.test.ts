import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from '../../cli/args';

describe('parseArgs', () => {
  it('defaults: stylish, no paths, no limit on warnings', () => {
    assert.deepEqual(parseArgs([]), {
      paths: [], format: 'stylish', fix: false, fixDryRun: false, unsafe: false, rules: [], maxWarnings: -1, quiet: false,
      listRules: false, verbose: false, version: false, help: false,
    });
  });

  it('reads every option, in both --name value and --name=value forms', () => {
    const a = parseArgs([
      'src', '--format=json', '-o', 'out.json', '--fix', '--unsafe', '--rule', 'a', '--rule=b', '--max-warnings', '3', '--quiet',
      '-c', 'cfg.json', '--report-unused-disable-directives', '--no-color', 'lib',
    ]);
    assert.deepEqual(a, {
      paths: ['src', 'lib'], format: 'json', outputFile: 'out.json', fix: true, fixDryRun: false, unsafe: true, rules: ['a', 'b'],
      maxWarnings: 3, quiet: true, config: 'cfg.json', reportUnusedDirectives: 'warn', color: false,
      listRules: false, verbose: false, version: false, help: false,
    });
  });

  it('--unsafe goes with --fix or --fix-dry-run only', () => {
    assert.equal(parseArgs(['--fix-dry-run', '--unsafe']).unsafe, true);
    assert.throws(() => parseArgs(['--unsafe']), /--unsafe applies unsafe fixes: use it with --fix or --fix-dry-run/);
  });

  it('treats everything after -- as paths', () => {
    assert.deepEqual(parseArgs(['--', '--fix', '-weird']).paths, ['--fix', '-weird']);
  });

  it('the last of a repeated single-valued option wins', () => {
    assert.equal(parseArgs(['--format', 'json', '--format', 'sarif']).format, 'sarif');
    assert.equal(parseArgs(['--no-color', '--color']).color, true);
  });

  it('an unused-directive severity alone asks for the report at that severity', () => {
    assert.equal(parseArgs(['--report-unused-disable-directives-severity', 'error']).reportUnusedDirectives, 'error');
    assert.equal(parseArgs(['--report-unused-disable-directives', '--report-unused-disable-directives-severity=warn']).reportUnusedDirectives, 'warn');
  });

  it('accepts -1 as "no limit" for --max-warnings', () => {
    assert.equal(parseArgs(['--max-warnings', '-1']).maxWarnings, -1);
    assert.equal(parseArgs(['--max-warnings', '0']).maxWarnings, 0);
  });

  const rejects: [string[], string][] = [
    [['--fomat', 'json'], 'Unknown option --fomat; did you mean "--format"?'],
    [['--quite'], 'Unknown option --quite; did you mean "--quiet"?'],
    [['--frobnicate'], 'Unknown option --frobnicate'],
    [['-x'], 'Unknown option -x'],
    [['-quiet'], 'Unknown option -quiet; did you mean "--quiet"?'],
    [['--format'], '--format needs a value: stylish|json|sarif|github'],
    [['--output-file', '--fix'], '--output-file needs a value: file'],
    [['--rule'], '--rule needs a value: rule-id'],
    [['--format', 'jsn'], 'Invalid value for --format: "jsn" (expected one of "stylish", "json", "sarif", "github"); did you mean "json"?'],
    [['--max-warnings', 'many'], 'Invalid value for --max-warnings: "many" (expected a whole number of warnings, or -1 for no limit)'],
    [['--max-warnings', '-2'], 'Invalid value for --max-warnings: "-2" (expected a whole number of warnings, or -1 for no limit)'],
    [['--fix=yes'], '--fix takes no value'],
    [['--config='], '--config needs a non-empty value'],
    [['--report-unused-disable-directives-severity', 'info'], 'Invalid value for --report-unused-disable-directives-severity: "info" (expected one of "error", "warn")'],
    [['--fix', '--fix-dry-run'], '--fix and --fix-dry-run cannot be used together'],
  ];
  for (const [argv, message] of rejects) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseArgs(argv), { name: 'UsageError', message });
    });
  }
});
