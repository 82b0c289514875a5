import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FINGERPRINT_KEY, SARIF_SCHEMA, UNUSED_DIRECTIVE_RULE_ID } from '../../cli/formats/sarif';
import { cli, removeProject, SAMPLE_FILES, tempProject } from './helpers';
import { rulesWithUnsafe, testRules } from './test-rules';

interface Sarif {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; informationUri: string; version: string; rules: any[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: any[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: any[];
  }[];
}

async function sarif(argv: string[], cwd: string): Promise<Sarif> {
  const r = await cli(['--format', 'sarif', ...argv], { cwd, rules: testRules });
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout) as Sarif;
}

const DOCS = 'https://github.com/stability-lint/stability-lint/blob/main/docs/rules/';

describe('--format sarif', () => {
  let dir: string;
  before(() => {
    dir = tempProject(SAMPLE_FILES);
  });
  after(() => removeProject(dir));

  it('is SARIF 2.1.0 with the tool, its version and every rule with docs link and default level', async () => {
    const log = await sarif([], dir);
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'stability-lint');
    assert.equal(driver.informationUri, 'https://github.com/stability-lint/stability-lint');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(driver.rules[0], {
      id: 'no-foo',
      name: 'NoFoo',
      shortDescription: { text: 'Flags the identifier `foo`.' },
      fullDescription: { text: 'Flags the identifier `foo`.' },
      helpUri: `${DOCS}no-foo.md`,
      help: { text: `Flags the identifier \`foo\`.\nDocumentation: ${DOCS}no-foo.md` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['reliability', 'node.js'], fixes: 'safe' },
    });
    assert.deepEqual(
      driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.helpUri]),
      [
        ['no-foo', 'error', `${DOCS}no-foo.md`],
        ['no-todo', 'warning', `${DOCS}no-todo.md`],
        ['note-baz', 'note', `${DOCS}note-baz.md`],
        ['wrap-qux', 'warning', `${DOCS}wrap-qux.md`],
      ],
    );
    assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(`${dir}/`).href } });
  });

  it('gives each problem a rule index, level, message, relative location and region', async () => {
    const { results } = (await sarif([], dir)).runs[0];
    const first = results[0];
    assert.deepEqual(Object.keys(first), ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints', 'fixes']);
    assert.deepEqual(
      { ...first, partialFingerprints: undefined, fixes: undefined },
      {
        ruleId: 'no-foo',
        ruleIndex: 0,
        level: 'error',
        message: { text: 'Do not use "foo": it blocks the event loop.\nA synchronous call holds every other request until it returns.' },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 10 },
          },
        }],
        partialFingerprints: undefined,
        fixes: undefined,
      },
    );
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.region.startLine]),
      [['no-foo', 0, 'error', 1], ['no-todo', 1, 'warning', 2], ['no-foo', 0, 'error', 2], ['note-baz', 2, 'note', 3], ['wrap-qux', 3, 'warning', 3]],
    );
  });

  it('carries every fix and suggestion: its edits as replacements, its class and the command that applies it', async () => {
    const { results } = (await sarif([], dir)).runs[0];
    const at = (ruleId: string) => results.find((r) => r.ruleId === ruleId);
    const a = { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' };
    assert.deepEqual(at('no-foo').fixes, [{
      description: { text: 'Rename to bar' },
      artifactChanges: [{ artifactLocation: a, replacements: [{ deletedRegion: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 10 }, insertedContent: { text: 'bar' } }] }],
      properties: { safety: 'safe', kind: 'fix', appliedBy: ['--fix', '--fix --unsafe'] },
    }]);
    assert.deepEqual(at('no-todo').fixes, [{
      description: { text: 'Rename to done' },
      artifactChanges: [{ artifactLocation: a, replacements: [{ deletedRegion: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 9 }, insertedContent: { text: 'done' } }] }],
      properties: { safety: 'safe', kind: 'suggestion', appliedBy: [] },
    }]);
    assert.equal(at('wrap-qux').fixes[0].artifactChanges[0].replacements.length, 2);
    assert.equal(at('note-baz').fixes, undefined);
  });

  it('marks unsafe fixes and says which command applies each', async () => {
    const d = tempProject({ 'src/w.ts': 'wait();\nslow();\n' });
    try {
      const r = await cli(['--format', 'sarif'], { cwd: d, rules: rulesWithUnsafe });
      const { results } = JSON.parse(r.stdout).runs[0];
      assert.deepEqual(results[0].fixes.map((f: any) => [f.description.text, f.properties]), [
        ['Rename to waitBounded (unsafe)', { safety: 'unsafe', kind: 'fix', appliedBy: ['--fix --unsafe'] }],
        ['Rename to waitOnce', { safety: 'safe', kind: 'fix', appliedBy: ['--fix'] }],
      ]);
      assert.deepEqual(results[1].fixes.map((f: any) => [f.description.text, f.properties.appliedBy]), [['Rename to fast (unsafe)', ['--fix --unsafe']]]);
    } finally {
      removeProject(d);
    }
  });

  it('adds related locations with their regions', async () => {
    const todo = (await sarif([], dir)).runs[0].results.find((r) => r.ruleId === 'no-todo');
    assert.deepEqual(todo.relatedLocations, [{
      id: 1,
      physicalLocation: {
        artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 6 },
      },
      message: { text: 'The file starts here' },
    }]);
  });

  it('reports files that cannot be parsed as tool execution notifications, not results', async () => {
    const run = (await sarif([], dir)).runs[0];
    assert.equal(run.results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/c.ts').length, 0);
    assert.deepEqual(run.invocations, [{
      executionSuccessful: true,
      toolExecutionNotifications: [{
        level: 'error',
        message: { text: 'Parsing error: Variable declaration expected.' },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: 'src/c.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 7 },
          },
        }],
      }],
    }]);
  });

  describe('fingerprints', () => {
    const fingerprints = async (files: Record<string, string>) => {
      const d = tempProject(files);
      try {
        return (await sarif([], d)).runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY] as string);
      } finally {
        removeProject(d);
      }
    };

    it('are a hash with an occurrence number', async () => {
      const [fp] = await fingerprints({ 'a.ts': 'foo();\n' });
      assert.match(fp, /^[0-9a-f]{32}:1$/);
    });

    it('stay the same when lines above move or indentation changes', async () => {
      const [before] = await fingerprints({ 'a.ts': 'foo();\n' });
      const [moved] = await fingerprints({ 'a.ts': '\n\n// a comment\n    foo(  );\n' });
      assert.equal(moved, before);
    });

    it('change with the flagged line, the rule and the file', async () => {
      const [base] = await fingerprints({ 'a.ts': 'foo();\n' });
      const [otherLine] = await fingerprints({ 'a.ts': 'foo(1);\n' });
      const [otherFile] = await fingerprints({ 'b.ts': 'foo();\n' });
      const [otherRule] = await fingerprints({ 'a.ts': 'todo();\n' });
      assert.equal(new Set([base, otherLine, otherFile, otherRule]).size, 4);
    });

    it('tell identical lines apart by occurrence', async () => {
      const fps = await fingerprints({ 'a.ts': 'foo();\nfoo();\n' });
      assert.equal(fps[0].split(':')[0], fps[1].split(':')[0]);
      assert.deepEqual(fps.map((f) => f.split(':')[1]), ['1', '2']);
    });
  });

  it('reports unused disable directives under their own rule entry', async () => {
    const d = tempProject({ 'a.ts': '// stability-lint-disable-next-line no-foo\nconst x = 1;\n' });
    try {
      const run = (await sarif(['--report-unused-disable-directives'], d)).runs[0];
      const rule = run.tool.driver.rules.find((r) => r.id === UNUSED_DIRECTIVE_RULE_ID);
      assert.deepEqual(rule.defaultConfiguration, { level: 'warning' });
      assert.equal(run.results.length, 1);
      assert.equal(run.results[0].ruleId, UNUSED_DIRECTIVE_RULE_ID);
      assert.equal(run.results[0].ruleIndex, run.tool.driver.rules.indexOf(rule));
      assert.equal(run.results[0].level, 'warning');
      assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 43 });
    } finally {
      removeProject(d);
    }
  });

  it('has no results and no notifications for a clean project', async () => {
    const d = tempProject({ 'a.ts': 'export const ok = 1;\n' });
    try {
      const run = (await sarif([], d)).runs[0];
      assert.deepEqual(run.results, []);
      assert.deepEqual(run.invocations[0].toolExecutionNotifications, []);
      assert.equal(run.tool.driver.rules.length, 4);
    } finally {
      removeProject(d);
    }
  });
});
