// A hash of what the generator's output depends on besides the specs: its sources and templates,
// the resolved version of each runtime dependency (versions come from the workspace catalog, so
// package.json itself names none; its scripts do not change the output), and core's common error
// registry, which it reads. When it changes, every package is regenerated even if its specs did not.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATOR_DIR, REPO_ROOT } from './config.js';
import { COMMON_CODES_SOURCE } from './spec/common-codes.js';

let cached: string | undefined;

export function generatorHash(): string {
  cached ??= generatorHashOf(
    GENERATOR_DIR,
    readFileSync(path.join(REPO_ROOT, COMMON_CODES_SOURCE)),
  );
  return cached;
}

/** The hash for a generator folder (`src/`, `templates/`, `package.json`, `node_modules/`). */
export function generatorHashOf(dir: string, commonCodes: Uint8Array | string): string {
  const h = createHash('sha256');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dep of Object.keys(manifest.dependencies ?? {}).sort()) {
    const installed = JSON.parse(
      readFileSync(path.join(dir, 'node_modules', dep, 'package.json'), 'utf8'),
    ) as { version?: string };
    h.update(`${dep}@${installed.version}\0`);
  }
  const files: string[] = [];
  for (const sub of ['src', 'templates']) {
    for (const f of readdirSync(path.join(dir, sub), { recursive: true }) as string[]) {
      if (/\.(ts|hbs)$/.test(f)) files.push(path.join(sub, f));
    }
  }
  for (const f of files.sort()) {
    h.update(`${f}\0`)
      .update(readFileSync(path.join(dir, f)))
      .update('\0');
  }
  h.update(commonCodes);
  return h.digest('hex');
}
