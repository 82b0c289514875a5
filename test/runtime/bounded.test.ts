// boundedMap / boundedSet: least recently used evicted past `max`, entries expire `ttlMs` after
// they were set, and they are a real Map / Set wherever one is expected.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { boundedMap, boundedSet } from '../../runtime/stability-runtime';

let now = 0;

describe('boundedMap', () => {
  beforeEach(() => {
    now = 1000;
    mock.method(performance, 'now', () => now);
  });
  afterEach(() => mock.restoreAll());

  it('evicts the least recently used entry past max; get counts as use, has does not', () => {
    const m = boundedMap<string, number>({ max: 3 });
    m.set('a', 1).set('b', 2).set('c', 3);
    assert.equal(m.get('a'), 1);
    assert.equal(m.has('b'), true);
    m.set('d', 4);
    assert.deepEqual([...m], [['c', 3], ['a', 1], ['d', 4]]);
    assert.equal(m.size, 3);
    assert.equal(m.has('b'), false);
  });

  it('setting an existing key replaces it without evicting anything', () => {
    const m = boundedMap<string, number>({ max: 2 });
    m.set('a', 1).set('b', 2).set('a', 10);
    assert.deepEqual([...m.entries()], [['b', 2], ['a', 10]]);
  });

  it('never holds more than max under many writes', () => {
    const m = boundedMap<number, number>({ max: 100 });
    for (let i = 0; i < 10_000; i++) m.set(i, i);
    assert.equal(m.size, 100);
    assert.deepEqual([...m.keys()].slice(0, 2), [9900, 9901]);
  });

  it('expires entries ttlMs after they were last set', () => {
    const m = boundedMap<string, string>({ max: 10, ttlMs: 100 });
    m.set('a', 'first');
    now += 60;
    m.set('b', 'second');
    now += 39;
    assert.deepEqual([...m.keys()], ['a', 'b']);
    now += 1; // a is 100 ms old
    assert.equal(m.get('a'), undefined);
    assert.equal(m.has('a'), false);
    assert.equal(m.size, 1);
    m.set('b', 'second again'); // a set restarts b's clock
    now += 99;
    assert.equal(m.get('b'), 'second again');
    now += 1;
    assert.equal(m.size, 0);
    assert.deepEqual([...m], []);
  });

  it('reading does not extend an entry\'s life', () => {
    const m = boundedMap<string, number>({ max: 10, ttlMs: 100 });
    m.set('a', 1);
    now += 99;
    assert.equal(m.get('a'), 1);
    now += 1;
    assert.equal(m.get('a'), undefined);
  });

  it('is a Map: instanceof, delete, clear, forEach, keys, values, copies', () => {
    const m = boundedMap<string, number>({ max: 5, ttlMs: 100 });
    assert.ok(m instanceof Map);
    m.set('a', 1).set('b', 2).set('c', 3);
    assert.equal(m.delete('b'), true);
    assert.equal(m.delete('b'), false);
    const seen: string[] = [];
    m.forEach((v, k, map) => {
      assert.equal(map, m);
      seen.push(`${k}=${v}`);
    });
    assert.deepEqual(seen, ['a=1', 'c=3']);
    assert.deepEqual([...m.values()], [1, 3]);
    assert.deepEqual(new Map(m), new Map([['a', 1], ['c', 3]]));
    assert.equal(Object.prototype.toString.call(m), '[object Map]');
    m.clear();
    assert.equal(m.size, 0);
    now += 1000; // cleared keys leave nothing behind to expire
    m.set('d', 4);
    assert.deepEqual([...m], [['d', 4]]);
  });

  it('rejects a max that is not a positive integer and a ttl that is not positive', () => {
    assert.throws(() => boundedMap({ max: 0 }), { name: 'RangeError', message: 'bounded: max must be a positive integer, got 0' });
    assert.throws(() => boundedMap({ max: 1, ttlMs: 0 }), { name: 'RangeError', message: 'bounded: ttlMs must be positive, got 0' });
    assert.throws(() => boundedMap({ max: 1, ttlMs: Number.NaN }), { name: 'RangeError' });
  });
});

describe('boundedSet', () => {
  beforeEach(() => {
    now = 1000;
    mock.method(performance, 'now', () => now);
  });
  afterEach(() => mock.restoreAll());

  it('evicts the value added longest ago past max; adding again makes it the newest', () => {
    const s = boundedSet<string>({ max: 3 });
    s.add('a').add('b').add('c').add('a').add('d');
    assert.deepEqual([...s], ['c', 'a', 'd']);
    assert.equal(s.size, 3);
    assert.equal(s.has('b'), false);
  });

  it('expires values ttlMs after they were added', () => {
    const s = boundedSet<string>({ max: 10, ttlMs: 50 });
    s.add('seen-1');
    now += 30;
    s.add('seen-2');
    now += 20;
    assert.equal(s.has('seen-1'), false);
    assert.equal(s.has('seen-2'), true);
    assert.deepEqual([...s.values()], ['seen-2']);
    now += 30;
    assert.equal(s.size, 0);
  });

  it('is a Set: instanceof, delete, clear, forEach, entries, copies', () => {
    const s = boundedSet<number>({ max: 5 });
    assert.ok(s instanceof Set);
    s.add(1).add(2).add(3);
    assert.equal(s.delete(2), true);
    const seen: number[] = [];
    s.forEach((v, same, set) => {
      assert.equal(v, same);
      assert.equal(set, s);
      seen.push(v);
    });
    assert.deepEqual(seen, [1, 3]);
    assert.deepEqual([...s.entries()], [[1, 1], [3, 3]]);
    assert.deepEqual([...s.keys()], [1, 3]);
    assert.deepEqual(new Set(s), new Set([1, 3]));
    s.clear();
    assert.equal(s.size, 0);
  });
});
