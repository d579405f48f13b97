// The registry guard behind `pnpm release`: one registry for pnpm, npm and changesets, or none.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishEnv, resolveRegistries } from '../src/diff/publish.js';
import { tempDir } from './helpers.js';

const LOCAL = 'http://127.0.0.1:4873/';
const OTHER = 'http://127.0.0.1:4874/';

/** A project folder with its own .npmrc and an empty user config, so the machine's does not count. */
function project(npmrc: string, extraEnv: Record<string, string> = {}) {
  const dir = tempDir('registry');
  writeFileSync(path.join(dir, 'package.json'), '{"name":"p","version":"1.0.0","private":true}');
  writeFileSync(path.join(dir, '.npmrc'), npmrc);
  writeFileSync(path.join(dir, 'user.npmrc'), '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm|pnpm)_config_/i.test(k)) env[k] = v;
  return { dir, env: { ...env, NPM_CONFIG_USERCONFIG: path.join(dir, 'user.npmrc'), ...extraEnv } };
}

describe('resolveRegistries', () => {
  it('takes the registry .npmrc names for the scope', () => {
    const { dir, env } = project(`@scope:registry=${LOCAL}\nregistry=${LOCAL}\n`);
    const r = resolveRegistries('@scope', dir, env);
    expect(r.registry).toBe(LOCAL);
    expect(r.seen['pnpm config get @scope:registry']).toBe(LOCAL);
    expect(r.seen['npm config get @scope:registry']).toBe(LOCAL);
  });

  it('takes NPM_CONFIG_REGISTRY when .npmrc names none, and hands it to every tool', () => {
    const { dir, env } = project('engine-strict=false\n', { NPM_CONFIG_REGISTRY: LOCAL });
    const r = resolveRegistries('@scope', dir, env);
    expect(r.registry).toBe(LOCAL);
    const pub = publishEnv('@scope', r.registry, {});
    expect(pub).toEqual({
      npm_config_registry: LOCAL,
      'npm_config_@scope:registry': LOCAL,
      NPM_CONFIG_REGISTRY: LOCAL,
      pnpm_config_registry: LOCAL,
    });
  });

  it('refuses when .npmrc and the environment name different registries', () => {
    const { dir, env } = project(`@scope:registry=${LOCAL}\n`, { NPM_CONFIG_REGISTRY: OTHER });
    expect(() => resolveRegistries('@scope', dir, env)).toThrow(
      /registry settings disagree for @scope packages; nothing was published/,
    );
  });

  it('is the public registry when nothing names another', () => {
    const { dir, env } = project('');
    expect(resolveRegistries('@scope', dir, env).registry).toBe('https://registry.npmjs.org/');
  });
});
