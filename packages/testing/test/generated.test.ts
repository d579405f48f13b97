/**
 * Every exported action function of the generated packages, called against the emulator
 * with the action's minimal input: it must send its own action name and decode the default
 * answer faithfully. Functions are matched to actions by what they send, not by name rules.
 */
import type { BaseServiceClient } from '@scope/core';
import * as cvm from '@scope/cvm';
import * as hunyuan from '@scope/hunyuan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator, TEST_CREDENTIALS } from '../src/index.js';
import { repoSpecs } from './helpers.js';

type ActionFn = (client: BaseServiceClient, input: object) => Promise<Record<string, unknown>>;

/** Action name -> exported function that calls it with `request` (streams excluded). */
function actionFunctions(mod: Record<string, unknown>): Map<string, ActionFn> {
  const found = new Map<string, ActionFn>();
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
    let sent: string | undefined;
    const probe = {
      request: (action: { name: string }) => {
        sent = action.name;
        return Promise.resolve({});
      },
    };
    try {
      const result = (value as (c: unknown, i: object) => unknown)(probe, {});
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      continue;
    }
    if (sent && !found.has(sent)) found.set(sent, value as ActionFn);
  }
  return found;
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [TEST_CREDENTIALS] });
});
afterAll(() => emu.close());

const packages = [
  { service: 'cvm', mod: cvm as Record<string, unknown>, create: cvm.createCvmClient },
  {
    service: 'hunyuan',
    mod: hunyuan as Record<string, unknown>,
    create: hunyuan.createHunyuanClient,
  },
];

describe.each(packages)('generated @scope/$service', ({ service, mod, create }) => {
  it('has a function per action; each one round-trips its minimal input', async () => {
    const fns = actionFunctions(mod);
    const { api } = emu.catalog.get(service, emu.catalog.versions(service)[0]!)!;
    const online = Object.keys(api.actions).filter((a) => api.actions[a]?.status !== 'offline');
    expect([...fns.keys()].sort()).toEqual(expect.arrayContaining(online.sort()));
    const client = create({
      endpoint: emu.url,
      credentials: TEST_CREDENTIALS,
      region: 'ap-guangzhou',
    });
    for (const action of online) {
      const { RequestId, ...payload } = await fns.get(action)!(
        client,
        emu.minimalInput(service, action),
      );
      expect(RequestId, action).toBeTypeOf('string');
      expect(payload, action).toEqual(emu.sample(service, action));
      expect(emu.requests.at(-1)?.action).toBe(action);
    }
  });
});
