import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulator,
  minimalInput,
  SpecCatalog,
  sampleOutput,
  startEmulator,
  validateInput,
} from '../src/index.js';
import { CRED, call, errorCode, repoSpecs } from './helpers.js';

// The whole catalogue, from the committed facts in specs/ (the upstream tccli layout is covered
// by cli.test.ts).
describe('the whole catalogue', () => {
  let emu: Emulator;
  let startupMs = 0;
  beforeAll(async () => {
    const started = performance.now();
    emu = await startEmulator({ specs: [repoSpecs], credentials: [CRED] });
    startupMs = performance.now() - started;
    // Measured, not asserted (timings are for benchmarks); the target is < 1 s.
    console.log(
      `emulator startup with ${emu.catalog.size} service versions: ${startupMs.toFixed(1)} ms`,
    );
  });
  afterAll(() => emu.close());

  it('indexes every service version without parsing them', () => {
    expect(emu.catalog.size).toBe(296);
    // Folder `autoscaling` is service `as`, found from the api.json metadata.
    expect(emu.catalog.has('as')).toBe(true);
    expect(emu.catalog.has('autoscaling')).toBe(false);
    expect(emu.catalog.versions('es')).toEqual(['2025-01-01', '2018-04-16']);
  });

  it('answers a cvm call and calls of other services', async () => {
    const cvm = await call(emu.port, {
      service: 'cvm',
      version: '2017-03-12',
      action: 'DescribeInstances',
      body: { Limit: 1, Filters: [{ Name: 'zone', Values: ['ap-guangzhou-6'] }] },
    });
    expect(errorCode(cvm)).toBeUndefined();
    expect(cvm.json.Response.InstanceSet).toHaveLength(1);
    const as = await call(emu.port, {
      service: 'as',
      version: '2018-04-19',
      action: 'DescribeAutoScalingGroups',
      body: {},
    });
    expect(errorCode(as)).toBeUndefined();
    expect(as.json.Response.AutoScalingGroupSet).toHaveLength(1);
    const old = await call(emu.port, {
      service: 'es',
      version: '2018-04-16',
      action: 'NoSuchAction',
      body: {},
    });
    expect(errorCode(old)).toBe('InvalidAction');
  });
});

describe('minimalInput and sampleOutput over every action of the catalogue', () => {
  it('minimal inputs pass the checks and default answers conform to the output schema', () => {
    const catalog = new SpecCatalog([repoSpecs]);
    let actions = 0;
    for (const service of catalog.services()) {
      for (const version of catalog.versions(service)) {
        const { api } = catalog.get(service, version)!;
        for (const [name, def] of Object.entries(api.actions)) {
          const input = minimalInput(api, name);
          const inProblem = validateInput(api, def.input, input);
          expect(inProblem, `${service} ${version} ${name}`).toBeUndefined();
          const out = sampleOutput(api, name);
          expect(validateInput(api, def.output, out), `${service} ${name} output`).toBeUndefined();
          for (const m of api.objects[def.output]?.members ?? []) {
            if (m.output_required && m.name !== 'RequestId') expect(out).toHaveProperty(m.name);
          }
          actions++;
        }
      }
    }
    expect(actions).toBe(15210);
  });

  it('reads our specs/ layout too (errors.json beside api.json)', () => {
    const catalog = new SpecCatalog([repoSpecs]);
    expect(catalog.has('cvm')).toBe(true);
    const hunyuan = catalog.get('hunyuan', '2023-09-01');
    expect(hunyuan?.errors?.actionFlags?.ChatCompletions?.sse).toBe(true);
  });
});
