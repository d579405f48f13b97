// Tencent's own spec files (../shared/upstream-specs) sit beside the repository on maintainers'
// machines and in CI, never in a clone. Tests that need those files themselves (prose the
// importer drops, the international-site subset) run only when they are there and say so in
// their title; every other test reads the committed facts in specs/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, UPSTREAM_DIR } from '../src/config.js';
import { tempDir } from './helpers.js';

export { UPSTREAM_DIR };

export const SPECS_DIR = path.join(REPO_ROOT, 'specs');
export const hasCorpus = existsSync(path.join(UPSTREAM_DIR, 'tccli'));
export const hasIntlCorpus = existsSync(path.join(UPSTREAM_DIR, 'tccli-intl-en'));
/** Appended to the title of a test that needs the corpus, so a skip explains itself. */
export const NEEDS_CORPUS = '(needs ../shared/upstream-specs: skipped when it is absent)';

/** Spec folders of specs/ (tccli's folder names: `autoscaling`, not `as`). */
export function specServices(): string[] {
  return readdirSync(SPECS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * The committed facts of `services` (default: all) laid out as Tencent publishes them:
 * `tccli/<folder>/v<date>/api.json` and `errors/<shortName>-<YYYY-MM-DD>.json`, in a temp folder.
 */
export function upstreamLayoutFromSpecs(services = specServices()): {
  root: string;
  apiDir: string;
  errorsDir: string;
} {
  const root = tempDir('upstream-layout');
  const apiDir = path.join(root, 'tccli');
  const errorsDir = path.join(root, 'errors');
  mkdirSync(errorsDir, { recursive: true });
  for (const svc of services) {
    for (const ver of readdirSync(path.join(SPECS_DIR, svc))) {
      const from = path.join(SPECS_DIR, svc, ver);
      if (!existsSync(path.join(from, 'api.json'))) continue;
      const to = path.join(apiDir, svc, ver);
      mkdirSync(to, { recursive: true });
      copyFileSync(path.join(from, 'api.json'), path.join(to, 'api.json'));
      const { metadata } = JSON.parse(readFileSync(path.join(from, 'api.json'), 'utf8'));
      const file = `${metadata.serviceShortName}-${metadata.apiVersion}.json`;
      copyFileSync(path.join(from, 'errors.json'), path.join(errorsDir, file));
    }
  }
  return { root, apiDir, errorsDir };
}
