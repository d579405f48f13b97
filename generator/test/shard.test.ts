import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../src/shard.js';
import { specServices } from './corpus.js';

// The 258 spec folders of the committed catalogue.
const services = specServices();

describe('--shard i/n', () => {
  it('parses i/n and rejects nonsense', () => {
    expect(services).toHaveLength(258);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-2']) expect(() => parseShard(bad)).toThrow();
  });

  it.each([1, 2, 3, 7])('splits the catalogue into %i disjoint shards that cover it', (n) => {
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i++) {
      for (const s of services.filter((x) => inShard(x, { index: i, count: n }))) {
        expect(seen.has(s)).toBe(false);
        seen.set(s, i);
      }
    }
    expect(seen.size).toBe(services.length);
  });

  it('is stable: a service keeps its shard when others are added', () => {
    expect(shardOf('cvm', 4)).toBe(shardOf('cvm', 4));
    const before = services.map((s) => shardOf(s, 4));
    const after = [...services, 'newservice'].map((s) => shardOf(s, 4)).slice(0, services.length);
    expect(after).toEqual(before);
  });
});
