// Facts kept as numbers (engine/plain-facts.ts): what goes in comes out, through chunks filled,
// files replaced and deleted, and compaction.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlainFacts } from '../../engine/plain-facts';
import { StringPool } from '../../engine/string-pool';
import type { ProjectFact } from '../../engine/types';

function listed(store: PlainFacts, wanted: (rule: string, kind: string) => boolean = () => true): string[] {
  const out: string[] = [];
  store.each(wanted, (rule, kind, ref) => out.push(`${rule} ${kind} =${ref}`), (rule, kind, file, name) => out.push(`${rule} ${kind} @${file}#${name}`));
  return out.sort();
}

describe('PlainFacts', () => {
  it('holds unconditional written keys and module bindings only', () => {
    assert.equal(PlainFacts.holds({ rule: 'r', kind: 'k', ref: 'x' }), true);
    assert.equal(PlainFacts.holds({ rule: 'r', kind: 'k', ref: { file: '/a.ts', name: 'x' } }), true);
    assert.equal(PlainFacts.holds({ rule: 'r', kind: 'k', ref: 'x', ifAll: [{ rule: 'r', kind: 'k', ref: 'y' }] }), false);
  });

  it('gives back every fact of the kinds wanted, after files fill chunks, are replaced, deleted and compacted', () => {
    const store = new PlainFacts(new StringPool(), 30);
    const facts = (i: number, round: number): ProjectFact[] => [
      { rule: 'a', kind: 'set', ref: `k${i}.${round}` },
      { rule: 'b', kind: 'released', ref: { file: `/p/f${i}.ts`, name: `n${round}` } },
      { rule: 'a', kind: 'cleared', ref: `c${i}` },
    ];
    // 9 numbers a file, chunks of 30: several chunks, then mostly stale ones, compacted.
    for (let round = 0; round < 6; round++) for (let i = 0; i < 40; i++) store.set(`/p/f${i}.ts`, facts(i, round));
    for (let i = 0; i < 40; i += 2) store.delete(`/p/f${i}.ts`);
    store.set('/p/big.ts', Array.from({ length: 25 }, (_, k) => ({ rule: 'a', kind: 'set', ref: `big${k}` })));
    const expected = [...Array.from({ length: 20 }, (_, j) => facts(2 * j + 1, 5)).flat(), ...Array.from({ length: 25 }, (_, k) => ({ rule: 'a', kind: 'set', ref: `big${k}` }))]
      .map((f) => (typeof f.ref === 'string' ? `${f.rule} ${f.kind} =${f.ref}` : `${f.rule} ${f.kind} @${f.ref.file}#${f.ref.name}`)).sort();
    assert.deepEqual(listed(store), expected);
    assert.deepEqual(listed(store, (rule, kind) => rule === 'b' && kind === 'released'), expected.filter((l) => l.startsWith('b released')));
  });
});
