// A hash of the generator itself (sources, templates, its package.json, and core's common error
// registry, which it reads): when it changes, every package is regenerated even if its specs did not.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATOR_DIR, REPO_ROOT } from './config.js';
import { COMMON_CODES_SOURCE } from './spec/common-codes.js';

let cached: string | undefined;

export function generatorHash(): string {
  if (cached) return cached;
  const h = createHash('sha256');
  const files = ['package.json'];
  for (const dir of ['src', 'templates']) {
    for (const f of readdirSync(path.join(GENERATOR_DIR, dir), { recursive: true }) as string[]) {
      if (/\.(ts|hbs)$/.test(f)) files.push(path.join(dir, f));
    }
  }
  for (const f of files.sort()) {
    h.update(`${f}\0`)
      .update(readFileSync(path.join(GENERATOR_DIR, f)))
      .update('\0');
  }
  h.update(readFileSync(path.join(REPO_ROOT, COMMON_CODES_SOURCE)));
  cached = h.digest('hex');
  return cached;
}
