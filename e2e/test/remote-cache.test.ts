// Beyond one machine: CI runners share turbo's remote cache. A real one (turborepo-remote-cache
// on 127.0.0.1) and two clean clones of a small workspace (core, testing, cam, sts, tag): the
// first clone builds and tests everything and fills the cache; the second, with no local cache,
// gets every task from it; after one spec changes, only that package's tasks run again.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './harness/json.js';
import { type RemoteCache, startRemoteCache } from './harness/remote-cache.js';
import { cleanEnv, run, SCOPE } from './harness/run.js';
import { GIT_ENV, git, smallWorkspace } from './harness/workspace.js';

const SERVICES = ['cam', 'sts', 'tag'];
/** The changed service; nothing in the small workspace depends on it. */
const CHANGED = 'tag';
const FILTERS = SERVICES.map((s) => `--filter=${SCOPE}/${s}`);

let cache: RemoteCache | undefined;
let origin = '';
const temps: string[] = [];
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  env = cleanEnv(GIT_ENV);
  origin = await smallWorkspace(SERVICES, env);
  temps.push(origin);
  cache = await startRemoteCache();
});

afterAll(async () => {
  await cache?.stop();
  if (process.env.E2E_KEEP) console.log(`kept: ${temps.join(' ')}`);
  else for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A clean clone of the small workspace, installed from the lockfile alone. */
async function cleanClone(): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'e2e-clone-')), 'repo');
  temps.push(path.dirname(dir));
  await git(os.tmpdir(), ['clone', '-q', origin, dir]);
  await run('pnpm', ['install', '--offline', '--frozen-lockfile'], { cwd: dir, env });
  return dir;
}

interface TaskResult {
  taskId: string;
  cache: { status: 'HIT' | 'MISS'; remote: boolean; local: boolean };
}

/** `turbo run build test` with the remote cache as the only cache; task -> HIT | MISS. */
async function turbo(dir: string): Promise<Map<string, TaskResult['cache']>> {
  const runs = path.join(dir, '.turbo/runs');
  const known = new Set(readdirSafe(runs));
  await run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', 'test', ...FILTERS, '--cache=remote:rw', '--summarize'],
    { cwd: dir, env: { ...env, ...cache!.env }, timeoutMs: 600_000 },
  );
  const [summary] = readdirSafe(runs).filter((f) => !known.has(f));
  const tasks = (readJson(path.join(runs, summary!)).tasks as TaskResult[]) ?? [];
  return new Map(tasks.map((t) => [t.taskId, t.cache]));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const statuses = (m: Map<string, TaskResult['cache']>) =>
  Object.fromEntries([...m].map(([id, c]) => [id, c.status]));

describe('turbo remote cache across clean clones', () => {
  let firstTasks: string[] = [];

  it('first clone: every build and test runs and is uploaded', async () => {
    const first = await cleanClone();
    const tasks = await turbo(first);
    firstTasks = [...tasks.keys()].sort();
    // core and testing are built for the services; each service is built and tested
    for (const s of SERVICES)
      expect(firstTasks).toEqual(
        expect.arrayContaining([`${SCOPE}/${s}#build`, `${SCOPE}/${s}#test`]),
      );
    expect(firstTasks).toEqual(
      expect.arrayContaining([`${SCOPE}/core#build`, `${SCOPE}/testing#build`]),
    );
    expect(Object.values(statuses(tasks)).every((s) => s === 'MISS')).toBe(true);
    expect(cache!.artifacts().length).toBeGreaterThanOrEqual(firstTasks.length);
  });

  it('second clean clone: every task is a remote cache hit; after one spec changes only that package runs', async () => {
    const second = await cleanClone();
    expect(readdirSafe(path.join(second, '.turbo/cache'))).toEqual([]);
    const hits = await turbo(second);
    expect([...hits.keys()].sort()).toEqual(firstTasks);
    for (const [id, c] of hits) {
      expect(c.status, id).toBe('HIT');
      expect(c.remote, id).toBe(true);
    }
    // the built output came back from the cache
    expect(readdirSafe(path.join(second, `packages/${CHANGED}/dist`)).length).toBeGreaterThan(0);

    // One upstream spec changes: tag gains an action; pnpm generate rewrites packages/tag only.
    const api = path.join(second, `specs/${CHANGED}/v20180813/api.json`);
    const spec = readJson(api) as {
      actions: Record<string, unknown>;
      objects: Record<string, unknown>;
    };
    spec.actions.DescribeCacheProbe = {
      input: 'DescribeCacheProbeRequest',
      output: 'DescribeCacheProbeResponse',
      status: 'online',
    };
    spec.objects.DescribeCacheProbeRequest = { type: 'object', members: [], usage: 'in' };
    spec.objects.DescribeCacheProbeResponse = {
      type: 'object',
      members: [{ name: 'RequestId', type: 'string', member: 'string', output_required: true }],
      usage: 'out',
    };
    writeFileSync(api, `${JSON.stringify(spec, null, 2)}\n`);
    await run('pnpm', ['generate'], { cwd: second, env });
    const changedFiles = (await git(second, ['status', '--porcelain'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    // packages/README.md is the catalogue page (no package); every other change is tag's
    const otherPackages = changedFiles.filter(
      (f) =>
        f.startsWith('packages/') &&
        f !== 'packages/README.md' &&
        !f.startsWith(`packages/${CHANGED}/`),
    );
    expect(otherPackages).toEqual([]);
    expect(changedFiles).toContain(`packages/${CHANGED}/api-snapshot.json`);

    const after = await turbo(second);
    const ran = [...after].filter(([, c]) => c.status === 'MISS').map(([id]) => id);
    expect(ran.sort()).toEqual([`${SCOPE}/${CHANGED}#build`, `${SCOPE}/${CHANGED}#test`]);
    for (const [id, c] of after) if (!ran.includes(id)) expect(c.remote, id).toBe(true);
  });
});
