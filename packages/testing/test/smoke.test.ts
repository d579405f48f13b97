/**
 * The shape of the per-action smoke tests the generator emits, run here for every action of
 * every service in our specs/ through core's ServiceClient: minimal input in, the emulator's
 * default answer out, decoded faithfully.
 */
import { ServiceClient } from '@scope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulator,
  loadSpec,
  minimalInput,
  SpecCatalog,
  startEmulator,
  TEST_CREDENTIALS,
} from '../src/index.js';
import { repoSpecs } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [TEST_CREDENTIALS] });
});
afterAll(() => emu.close());

const catalog = new SpecCatalog([repoSpecs]);
const versions = catalog
  .services()
  .flatMap((service) => catalog.versions(service).map((version) => ({ service, version })));

describe.each(versions)('every action of $service $version', ({ service, version }) => {
  it('accepts the minimal input and answers the default data', async () => {
    const { api, errors } = catalog.get(service, version)!;
    const client = new ServiceClient(
      { service, version, packageName: `@scope/${service}`, packageVersion: '0.0.0' },
      { endpoint: emu.url, credentials: TEST_CREDENTIALS, region: 'ap-guangzhou' },
    );
    for (const action of Object.keys(api.actions)) {
      if (api.actions[action]?.status === 'offline') continue;
      const flags = errors?.actionFlags?.[action] ?? {};
      if (flags.rawBody) continue;
      const input = emu.minimalInput(service, action, version);
      expect(input).toEqual(minimalInput(api, action));
      const out = await client.request<Record<string, unknown>>(
        { name: action, skipSign: flags.skipSign, sse: flags.sse },
        input,
      );
      const { RequestId, ...payload } = out;
      expect(RequestId, action).toMatch(/^[0-9a-f-]{36}$/);
      expect(payload, action).toEqual(emu.sample(service, action, version));
    }
  });
});

it('loadSpec reads a version folder or a service folder, or picks one from a catalogue', () => {
  expect(loadSpec(`${repoSpecs}/cvm/v20170312`).api.metadata.serviceShortName).toBe('cvm');
  expect(loadSpec(repoSpecs, 'sts').api.metadata.apiVersion).toBe('2018-08-13');
  expect(loadSpec(`${repoSpecs}/hunyuan`).api.metadata.apiVersion).toBe('2023-09-01');
  expect(() => loadSpec(repoSpecs)).toThrow(/name the service/);
});
