// `pnpm release` (after the build): `changeset publish` with every registry setting made to agree.
// Why a wrapper: pnpm 12 ignores NPM_CONFIG_REGISTRY/npm_config_* (it reads .npmrc and
// pnpm_config_*), while changesets reads only npm_config_registry / npm_config_<scope>:registry
// from the environment and falls back to registry.npmjs.org. Left alone, the tools can disagree
// and a publish meant for a private registry can go to the public one. Here the registry is
// resolved once (.npmrc, or NPM_CONFIG_REGISTRY when .npmrc names none), handed to every tool,
// and a disagreement aborts before anything is published.
import { execFileSync, spawnSync } from 'node:child_process';
import { REPO_ROOT, readSdkConfig } from '../config.js';

export interface Registries {
  /** What each tool would use for `<scope>/*` packages, by the command that says so. */
  seen: Record<string, string>;
  /** The one registry every tool will be told to use. */
  registry: string;
}

const PUBLIC = 'https://registry.npmjs.org/';
const norm = (u: string) => (u.endsWith('/') ? u : `${u}/`);

function configGet(tool: 'pnpm' | 'npm', key: string, cwd: string, env: NodeJS.ProcessEnv) {
  const out = execFileSync(tool, ['config', 'get', key], { cwd, env, encoding: 'utf8' }).trim();
  return out === '' || out === 'undefined' || out === 'null' ? undefined : out;
}

/** Resolves the registry for the scope's packages; throws when the settings disagree. */
export function resolveRegistries(
  scope: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Registries {
  const fromEnv = env.NPM_CONFIG_REGISTRY ?? env.npm_config_registry;
  // pnpm sees only .npmrc (and pnpm_config_*): ask it without our environment's opinion.
  const pnpmScoped = configGet('pnpm', `${scope}:registry`, cwd, env);
  const pnpmDefault = configGet('pnpm', 'registry', cwd, env);
  const npmScoped = configGet('npm', `${scope}:registry`, cwd, env);
  const npmDefault = configGet('npm', 'registry', cwd, env);
  const seen: Record<string, string> = {
    [`pnpm config get ${scope}:registry`]: pnpmScoped ?? '(unset)',
    'pnpm config get registry': pnpmDefault ?? '(unset)',
    [`npm config get ${scope}:registry`]: npmScoped ?? '(unset)',
    'npm config get registry': npmDefault ?? '(unset)',
    ...(fromEnv ? { NPM_CONFIG_REGISTRY: fromEnv } : {}),
  };
  // The registry .npmrc names for the scope (or for everything), else the environment's.
  const named =
    pnpmScoped ?? (pnpmDefault && norm(pnpmDefault) !== PUBLIC ? pnpmDefault : undefined);
  const registry = norm(named ?? fromEnv ?? pnpmDefault ?? PUBLIC);
  const disagree = [pnpmScoped, npmScoped, fromEnv].filter(
    (r): r is string => r !== undefined && norm(r) !== registry,
  );
  if (disagree.length > 0) {
    const lines = Object.entries(seen).map(([k, v]) => `  ${k} = ${v}`);
    throw new Error(
      `registry settings disagree for ${scope} packages; nothing was published:\n${lines.join('\n')}\n` +
        `name one registry: in .npmrc set ${scope}:registry and registry, or unset them and use NPM_CONFIG_REGISTRY`,
    );
  }
  return { seen, registry };
}

/** Environment that makes changesets, npm and pnpm all publish to `registry`. */
export function publishEnv(scope: string, registry: string, env = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    npm_config_registry: registry,
    [`npm_config_${scope}:registry`]: registry,
    NPM_CONFIG_REGISTRY: registry,
    pnpm_config_registry: registry,
  };
}

export function publishMain(opts: { dryRun: boolean; cwd?: string }): number {
  const cwd = opts.cwd ?? REPO_ROOT;
  const { scope } = readSdkConfig();
  let reg: Registries;
  try {
    reg = resolveRegistries(scope, cwd);
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  console.log(`publishing ${scope}/* to ${reg.registry}`);
  if (opts.dryRun) {
    for (const [k, v] of Object.entries(reg.seen)) console.log(`  ${k} = ${v}`);
    return 0;
  }
  const r = spawnSync('pnpm', ['exec', 'changeset', 'publish'], {
    cwd,
    env: publishEnv(scope, reg.registry),
    stdio: 'inherit',
  });
  return r.status ?? 1;
}
