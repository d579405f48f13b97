import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatedApiError, type Emulator, startEmulator, validateInput } from '../src/index.js';
import { CRED, call, DEMO, errorCode, TEMP } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [DEMO], credentials: [CRED, TEMP] });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

const put = (body: unknown = { Name: 'a' }) => call(emu.port, { action: 'PutThing', body });

describe('answers', () => {
  it('answers by default with deterministic data that conforms to the output schema', async () => {
    const a = await put();
    const b = await put();
    const { RequestId: ra, ...pa } = a.json.Response;
    const { RequestId: rb, ...pb } = b.json.Response;
    expect(pa).toEqual(pb);
    expect(ra).not.toBe(rb);
    expect(validateInput(DEMO.api, 'PutThingResponse', a.json.Response)).toBeUndefined();
    expect(pa.ThingId).toBeTypeOf('string');
    expect(Number.isInteger(pa.Total)).toBe(true);
    expect(pa.Created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(pa.Items).toHaveLength(1);
    expect(pa.Items[0].Id).toBeTypeOf('string');
    // An optional member that would recurse (Item.Child: Item) is left out.
    expect(pa.Items[0].Child).toBeUndefined();
  });

  it('answers with a static stub and a fresh RequestId each time', async () => {
    emu.stub('PutThing', { ThingId: 't-1', Total: 1 });
    const a = await put();
    const b = await put();
    expect(a.json.Response).toMatchObject({ ThingId: 't-1', Total: 1 });
    expect(a.json.Response.RequestId).not.toBe(b.json.Response.RequestId);
  });

  it('answers with a function of the input, sync or async, and writes bigints exactly', async () => {
    emu.stub('PutThing', async (input, ctx) => ({
      ThingId: `${String(input.Name)}@${ctx.region}`,
      Total: 12345678901234567890n,
    }));
    const r = await call(emu.port, {
      action: 'PutThing',
      body: { Name: 'n' },
      headers: { 'X-TC-Region': 'ap-guangzhou' },
    });
    expect(r.json.Response.ThingId).toBe('n@ap-guangzhou');
    expect(r.text).toContain('"Total":12345678901234567890');
  });

  it('answers an error envelope when a stub throws EmulatedApiError; InternalError for other throws', async () => {
    emu.stub('PutThing', () => {
      throw new EmulatedApiError('ResourceNotFound.Thing');
    });
    const r = await put();
    expect(r.json.Response.Error).toEqual({
      Code: 'ResourceNotFound.Thing',
      Message: 'The thing does not exist.',
    });
    emu.stub('PutThing', () => {
      throw new Error('boom');
    });
    expect(errorCode(await put())).toBe('InternalError');
  });

  it('limits a stub to some calls, and prefers a service-specific one', async () => {
    emu.stub('PutThing', { ThingId: 'any', Total: 0 });
    emu.stub('PutThing', { ThingId: 'demo-once', Total: 0 }, { service: 'demo', times: 1 });
    expect((await put()).json.Response.ThingId).toBe('demo-once');
    expect((await put()).json.Response.ThingId).toBe('any');
  });

  it('records every request with Authorization and token redacted', async () => {
    await call(emu.port, {
      action: 'PutThing',
      body: { Name: 'rec' },
      cred: TEMP,
      headers: { 'X-TC-Region': 'ap-beijing' },
    });
    const [rec] = emu.requestsFor('PutThing');
    expect(rec).toMatchObject({
      service: 'demo',
      action: 'PutThing',
      version: '2020-01-01',
      region: 'ap-beijing',
      secretId: TEMP.secretId,
      body: { Name: 'rec' },
      response: { kind: 'ok' },
    });
    expect(rec?.headers.authorization).toBe('[redacted]');
    expect(rec?.headers['x-tc-token']).toBe('[redacted]');
    expect(JSON.stringify(emu.requests)).not.toContain(TEMP.secretKey);
    expect(JSON.stringify(emu.requests)).not.toContain(TEMP.token);
  });
});

describe('routing', () => {
  it('routes by regional host and takes the region from it', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: { Name: 'a' },
      host: 'demo.ap-shanghai.tencentcloudapi.com',
    });
    expect(errorCode(r)).toBeUndefined();
    expect(emu.requests.at(-1)?.region).toBe('ap-shanghai');
  });

  it('routes a request sent to 127.0.0.1 by the credential scope', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      body: { Name: 'a' },
      host: `127.0.0.1:${emu.port}`,
    });
    expect(errorCode(r)).toBeUndefined();
    expect(emu.requests.at(-1)?.service).toBe('demo');
  });

  it('routes unsigned requests by X-TC-Service header or /<service> path', async () => {
    const open = await startEmulator({
      specs: [
        DEMO,
        {
          ...DEMO,
          api: { ...DEMO.api, metadata: { apiVersion: '2020-01-01', serviceShortName: 'other' } },
        },
      ],
    });
    try {
      const byHeader = await call(open.port, {
        action: 'PutThing',
        body: { Name: 'a' },
        cred: null,
        host: '127.0.0.1',
        headers: { 'X-TC-Service': 'other' },
      });
      expect(errorCode(byHeader)).toBeUndefined();
      expect(open.requests.at(-1)?.service).toBe('other');
      const byPath = await call(open.port, {
        action: 'PutThing',
        body: { Name: 'a' },
        cred: null,
        host: '127.0.0.1',
        path: '/demo',
      });
      expect(errorCode(byPath)).toBeUndefined();
      expect(open.requests.at(-1)?.service).toBe('demo');
    } finally {
      await open.close();
    }
  });

  it('routes an unsigned call that names no service to the one service with that action', async () => {
    const other = {
      ...DEMO.api,
      metadata: { apiVersion: '2020-01-01', serviceShortName: 'other' },
      actions: {},
    };
    const open = await startEmulator({ specs: [DEMO, { api: other }] });
    try {
      const r = await call(open.port, {
        action: 'PutThing',
        body: { Name: 'a' },
        cred: null,
        host: '127.0.0.1',
      });
      expect(errorCode(r)).toBeUndefined();
      expect(open.requests.at(-1)?.service).toBe('demo');
    } finally {
      await open.close();
    }
  });

  it('keeps at most maxRecordedRequests records', async () => {
    const small = await startEmulator({ specs: [DEMO], maxRecordedRequests: 2 });
    try {
      for (const Name of ['a', 'b', 'c']) {
        await call(small.port, {
          action: 'PutThing',
          body: { Name },
          cred: null,
          host: '127.0.0.1',
        });
      }
      expect(small.requests.map((r) => (r.body as { Name: string }).Name)).toEqual(['b', 'c']);
    } finally {
      await small.close();
    }
  });
});
