// Project facts: filed under the rule that records them, module bindings followed through
// re-exports, written keys compared as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { factKey, ProjectFacts } from '../../engine/project-facts';
import type { ModuleSummary, ProjectFact } from '../../engine/types';

const db: ModuleSummary = { file: '/p/db.ts', exports: { pool: { local: 'pool' } }, starExports: [] };
const index: ModuleSummary = { file: '/p/index.ts', exports: { db: { module: '/p/db.ts', name: 'pool' } }, starExports: ['/p/db.ts'] };

function project(): ProjectFacts {
  const facts = new ProjectFacts();
  facts.set('/p/db.ts', [{ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } }], db);
  facts.set('/p/index.ts', [{ rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#start' }], index);
  return facts;
}

describe('ProjectFacts', () => {
  it('follows a module binding through an export alias and a star re-export to where it is declared', () => {
    const facts = project();
    assert.equal(facts.has({ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/index.ts', name: 'db' } }), true);
    assert.equal(facts.has({ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/index.ts', name: 'pool' } }), true);
    assert.equal(facts.has({ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/index.ts', name: 'other' } }), false);
  });

  it('settles a candidate that needs one of some facts and all of others', () => {
    const facts = project();
    const finding = { ruleId: 'unreleased-resource', messageId: 'm', severity: 'warn' as const, message: 'm', file: '/p/a.ts', range: { start: 0, end: 1 } };
    const released: ProjectFact = { rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } };
    const runs: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#start' };
    const absent: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#dev' };
    assert.ok(facts.settle({ finding, onlyIfAll: [released, runs] }));
    assert.equal(facts.settle({ finding, onlyIfAll: [released, absent] }), undefined);
    assert.equal(facts.settle({ finding, onlyIfAny: [absent, released], onlyIfAll: [absent] }), undefined);
    assert.ok(facts.settle({ finding, onlyIfAny: [absent, released], onlyIfAll: [runs] }));
  });

  it('silences a candidate when every one of its unlessAll facts is present, and only then', () => {
    const facts = project();
    const finding = { ruleId: 'unhandled-async-callback', messageId: 'm', severity: 'error' as const, message: 'm', file: '/p/a.ts', range: { start: 0, end: 1 } };
    const released: ProjectFact = { rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } };
    const runs: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#start' };
    const absent: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#dev' };
    assert.equal(facts.settle({ finding, unlessAll: [released, runs] }), undefined);
    assert.ok(facts.settle({ finding, unlessAll: [released, absent] }));
    assert.ok(facts.settle({ finding, unlessAll: [] }));
  });

  it('silences a candidate when every one of its unlessAllWithout facts is present and none of its opposing facts is', () => {
    const facts = project();
    const finding = { ruleId: 'unhandled-async-callback', messageId: 'm', severity: 'error' as const, message: 'm', file: '/p/a.ts', range: { start: 0, end: 1 } };
    const released: ProjectFact = { rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } };
    const runs: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#start' };
    const absent: ProjectFact = { rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#dev' };
    assert.equal(facts.settle({ finding, unlessAllWithout: { all: [released], without: [absent] } }), undefined);
    assert.ok(facts.settle({ finding, unlessAllWithout: { all: [released], without: [absent, runs] } }), 'an opposing fact holds');
    assert.ok(facts.settle({ finding, unlessAllWithout: { all: [released, absent], without: [] } }), 'a required fact is missing');
    assert.ok(facts.settle({ finding, unlessAllWithout: { all: [], without: [] } }));
  });

  it('holds a conditional fact only when all its conditions hold, through chains across files and re-exports', () => {
    const light = (file: string, name: string, ifAll?: ProjectFact[]): ProjectFact => ({ rule: 'unbounded-concurrency', kind: 'light-work', ref: { file, name }, ...(ifAll ? { ifAll } : {}) });
    const facts = new ProjectFacts();
    // route -> service (re-exported by index) -> dao: each light only if the next one is.
    facts.set('/p/service.js', [light('/p/service.js', 'get', [light('/p/dao.js', 'get')])], undefined);
    facts.set('/p/index.js', [], { file: '/p/index.js', exports: { service: { module: '/p/service.js', name: '*' } }, starExports: [] });
    facts.set('/p/other.js', [light('/p/other.js', 'run', [light('/p/dao.js', 'get'), light('/p/dao.js', 'missing')])], undefined);
    assert.equal(facts.has(light('/p/service.js', 'get')), false, 'nothing holds while the dao says nothing');
    facts.set('/p/dao.js', [light('/p/dao.js', 'get')], undefined);
    assert.equal(facts.has(light('/p/service.js', 'get')), true);
    assert.equal(facts.has(light('/p/index.js', 'service.get')), true, 'a dotted name is followed through the module it names');
    assert.equal(facts.has(light('/p/other.js', 'run')), false, 'one condition missing');
    facts.delete('/p/dao.js');
    assert.equal(facts.has(light('/p/service.js', 'get')), false, 'forgetting a file takes back what followed from it');
  });

  it('settled from the kinds its candidates ask about (their conditions followed), a project answers as from every fact', () => {
    const light = (file: string, name: string, ifAll?: ProjectFact[]): ProjectFact => ({ rule: 'unbounded-concurrency', kind: 'light-work', ref: { file, name }, ...(ifAll ? { ifAll } : {}) });
    const settles = (name: string): ProjectFact => ({ rule: 'unhandled-async-callback', kind: 'settles', ref: { file: '/p/dao.js', name } });
    const build = () => {
      const facts = new ProjectFacts();
      // A light-work fact that holds only if a fact of another rule and kind does: the chain crosses kinds.
      facts.set('/p/service.js', [light('/p/service.js', 'get', [settles('get')]), light('/p/service.js', 'put', [settles('put')])], undefined);
      facts.set('/p/dao.js', [settles('get'), { rule: 'unreleased-resource', kind: 'released', ref: '/p#pool' }], undefined);
      return facts;
    };
    const finding = { ruleId: 'unbounded-concurrency', messageId: 'm', severity: 'warn' as const, message: 'm', file: '/p/a.ts', range: { start: 0, end: 1 } };
    const candidates = [{ finding, unlessAny: [light('/p/service.js', 'get')] }, { finding, unlessAny: [light('/p/service.js', 'put')] }];
    const restricted = build();
    restricted.expectQuestionsOf(candidates);
    const full = build();
    assert.deepEqual(candidates.map((c) => restricted.settle(c)), candidates.map((c) => full.settle(c)));
    assert.deepEqual(candidates.map((c) => restricted.settle(c)), [undefined, finding]);
    // A question of a kind no candidate asked about settles from every fact again.
    assert.equal(restricted.has({ rule: 'unreleased-resource', kind: 'released', ref: '/p#pool' }), true);
    assert.equal(restricted.has(light('/p/service.js', 'get')), true);
  });

  it('keeps the facts of files set, replaced and deleted many times over as they are now', () => {
    const facts = new ProjectFacts();
    const released = (file: string, name: string): ProjectFact => ({ rule: 'unreleased-resource', kind: 'released', ref: { file, name } });
    const cleared = (key: string): ProjectFact => ({ rule: 'unbounded-loop', kind: 'cleared', ref: key });
    // Enough facts to outgrow the first arena several times, and replacements to leave it mostly stale.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 300; i++) facts.set(`/p/f${i}.ts`, Array.from({ length: 20 }, (_, k) => (k % 2 ? released(`/p/f${i}.ts`, `x${k}r${round}`) : cleared(`f${i}#${k}r${round}`))), undefined);
    }
    for (let i = 0; i < 300; i += 2) facts.delete(`/p/f${i}.ts`);
    assert.equal(facts.has(released('/p/f1.ts', 'x1r2')), true);
    assert.equal(facts.has(cleared('f299#18r2')), true);
    assert.equal(facts.has(released('/p/f1.ts', 'x1r1')), false, 'replaced');
    assert.equal(facts.has(released('/p/f2.ts', 'x1r2')), false, 'deleted');
    assert.equal(facts.has(cleared('f2#0r2')), false, 'deleted');
  });

  it('keys a conditional fact apart from the same fact unconditioned', () => {
    const plain: ProjectFact = { rule: 'r', kind: 'k', ref: { file: '/p/a.js', name: 'f' } };
    assert.notEqual(factKey(plain), factKey({ ...plain, ifAll: [{ rule: 'r', kind: 'k', ref: { file: '/p/b.js', name: 'g' } }] }));
  });

  it('files a fact under its rule: the same kind and ref from another rule is another fact', () => {
    const facts = project();
    assert.equal(facts.has({ rule: 'double-close', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } }), false);
  });

  it('compares written keys as written, and never with a module binding', () => {
    const facts = project();
    assert.equal(facts.has({ rule: 'watch-mode-script', kind: 'production-runs-script', ref: '/p#start' }), true);
    assert.equal(facts.has({ rule: 'unreleased-resource', kind: 'released', ref: 'mod:/p/db.ts#pool' }), false);
  });

  it('forgets a deleted file, and facts survive a JSON round trip (the --cache file)', () => {
    const facts = project();
    const stored: ProjectFact[] = JSON.parse(JSON.stringify([{ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } }]));
    assert.equal(factKey(stored[0]), factKey({ rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/db.ts', name: 'pool' } }));
    facts.delete('/p/db.ts');
    assert.equal(facts.has(stored[0]), false);
  });

  it('follows re-exports as they are after a file changes, not as they were first followed', () => {
    const facts = project();
    const viaIndex: ProjectFact = { rule: 'unreleased-resource', kind: 'released', ref: { file: '/p/index.ts', name: 'db' } };
    assert.equal(facts.has(viaIndex), true);
    // index.ts now exports its own `db`: the release of db.ts's pool no longer reaches it.
    facts.set('/p/index.ts', [], { file: '/p/index.ts', exports: { db: { local: 'db' } }, starExports: [] });
    assert.equal(facts.has(viaIndex), false);
    facts.set('/p/index.ts', [], index);
    assert.equal(facts.has(viaIndex), true);
  });
});
