// `--shard i/n`: a stable assignment of services to n shards by a hash of the service folder
// name, so n CI jobs cover the catalogue exactly once and adding a service moves no other.
// A service's versions stay together because they make one package.
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard expects i/n with 1 <= i <= n, got "${text}"`);
  }
  return { index, count };
}

export function shardOf(serviceDir: string, count: number): number {
  const h = createHash('sha256').update(serviceDir).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(serviceDir: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(serviceDir, shard.count) === shard.index;
}
