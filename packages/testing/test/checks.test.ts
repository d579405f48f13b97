import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { toJson } from '../src/server/envelope.js';
import { CRED, call, DEMO, errorCode } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [DEMO], credentials: [CRED] });
});
afterAll(() => emu.close());

const put = (body: unknown) => call(emu.port, { action: 'PutThing', body });

describe('request checks from the spec', () => {
  it('InvalidAction for an action the version does not have, or one that is offline', async () => {
    const r = await call(emu.port, { action: 'NoSuchThing', body: {} });
    expect(errorCode(r)).toBe('InvalidAction');
    expect(errorCode(await call(emu.port, { action: 'OldThing', body: { Name: 'a' } }))).toBe(
      'InvalidAction',
    );
  });

  it('InvalidAction for a service no spec describes', async () => {
    const r = await call(emu.port, { service: 'nosvc', action: 'PutThing', body: {} });
    expect(errorCode(r)).toBe('InvalidAction');
  });

  it('NoSuchVersion for an unknown version; MissingParameter without one', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      version: '2001-01-01',
      body: { Name: 'a' },
    });
    expect(errorCode(r)).toBe('NoSuchVersion');
    const none = await call(emu.port, { action: 'PutThing', version: '', body: { Name: 'a' } });
    expect(errorCode(none)).toBe('MissingParameter');
    expect(none.json.Response.Error.Message).toContain('Version');
  });

  it('MissingParameter for a required member, top level and nested', async () => {
    const top = await put({});
    expect(errorCode(top)).toBe('MissingParameter');
    expect(top.json.Response.Error.Message).toContain('`Name`');
    const inList = await put({ Name: 'a', Tags: [{ Key: 'k' }, { Value: 'v' }] });
    expect(errorCode(inList)).toBe('MissingParameter');
    expect(inList.json.Response.Error.Message).toContain('`Tags.1.Key`');
    const inObject = await put({ Name: 'a', Placement: { ProjectId: 1 } });
    expect(inObject.json.Response.Error.Message).toContain('`Placement.Zone`');
  });

  it('UnknownParameter for a member the spec does not have, top level and nested', async () => {
    const top = await put({ Name: 'a', Colour: 'red' });
    expect(errorCode(top)).toBe('UnknownParameter');
    expect(top.json.Response.Error.Message).toContain('`Colour`');
    const nested = await put({ Name: 'a', Placement: { Zone: 'z', Rack: 1 } });
    expect(errorCode(nested)).toBe('UnknownParameter');
    expect(nested.json.Response.Error.Message).toContain('`Placement.Rack`');
  });

  it.each([
    [{ Name: 1 }, 'Name'],
    [{ Name: 'a', Count: '3' }, 'Count'],
    [{ Name: 'a', Count: 1.5 }, 'Count'],
    [{ Name: 'a', Ratio: 'x' }, 'Ratio'],
    [{ Name: 'a', Enabled: 'true' }, 'Enabled'],
    [{ Name: 'a', Ids: 'i-1' }, 'Ids'],
    [{ Name: 'a', Ids: [1] }, 'Ids.0'],
    [{ Name: 'a', Tags: [{ Key: true }] }, 'Tags.0.Key'],
    [{ Name: 'a', Placement: [] }, 'Placement'],
  ])('InvalidParameter (as Tencent answers) for a wrong JSON type: %j', async (body, path) => {
    const r = await put(body);
    expect(errorCode(r)).toBe('InvalidParameter');
    expect(r.json.Response.Error.Message).toContain(`\`${path}\``);
  });

  it.each([
    [{ Name: 'a', Size: -1 }, 'Size'],
    [{ Name: 'a', Size: 2n ** 64n }, 'Size'],
    [{ Name: 'a', Count: 2n ** 63n }, 'Count'],
    [{ Name: 'a', Placement: { Zone: 'z', ProjectId: -(2n ** 63n) - 1n } }, 'Placement.ProjectId'],
  ])('InvalidParameterValue for an integer its member cannot hold: %s', async (body, path) => {
    const r = await call(emu.port, { action: 'PutThing', rawBody: toJson(body) });
    expect(errorCode(r)).toBe('InvalidParameterValue');
    expect(r.json.Response.Error.Message).toContain(`\`${path}\``);
  });

  it('accepts every type when right, treating null as absent', async () => {
    const r = await put({
      Name: 'a',
      Count: -3,
      Size: 4,
      Ratio: 0.5,
      Enabled: false,
      Ids: ['x'],
      Tags: [{ Key: 'k', Value: 'v' }],
      Placement: { Zone: 'z', ProjectId: null },
    });
    expect(errorCode(r)).toBeUndefined();
  });

  it('InvalidParameter for a body that is not a JSON object', async () => {
    expect(errorCode(await call(emu.port, { action: 'PutThing', rawBody: '{oops' }))).toBe(
      'InvalidParameter',
    );
    expect(errorCode(await call(emu.port, { action: 'PutThing', rawBody: '[1]' }))).toBe(
      'InvalidParameter',
    );
  });

  it('DryRunOperation when DryRun is true and the request is valid', async () => {
    expect(errorCode(await put({ Name: 'a', DryRun: true }))).toBe('DryRunOperation');
  });

  it('UnsupportedProtocol for methods other than GET and POST', async () => {
    const r = await call(emu.port, { action: 'PutThing', body: {}, headers: {} }).then(() =>
      fetch(`${emu.url}/`, { method: 'PUT', headers: { 'X-TC-Action': 'PutThing' } }),
    );
    const json = (await r.json()) as { Response: { Error: { Code: string } } };
    expect(json.Response.Error.Code).toBe('UnsupportedProtocol');
  });

  it('converts flattened GET and form values to the member types, and checks them', async () => {
    const get = await call(emu.port, {
      action: 'PutThing',
      method: 'GET',
      query: 'Name=n&Size=7&Ratio=1.5&Enabled=true&Ids.0=a&Ids.1=b&Placement.Zone=z',
    });
    expect(errorCode(get)).toBeUndefined();
    expect(emu.requests.at(-1)?.body).toEqual({
      Name: 'n',
      Size: 7,
      Ratio: 1.5,
      Enabled: true,
      Ids: ['a', 'b'],
      Placement: { Zone: 'z' },
    });
    const bad = await call(emu.port, {
      action: 'PutThing',
      method: 'GET',
      query: 'Name=n&Size=big',
    });
    expect(errorCode(bad)).toBe('InvalidParameter');
    const negative = await call(emu.port, {
      action: 'PutThing',
      method: 'GET',
      query: 'Name=n&Size=-1',
    });
    expect(errorCode(negative)).toBe('InvalidParameterValue');
    const form = await call(emu.port, {
      action: 'PutThing',
      rawBody: 'Name=f&Tags.0.Key=k',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(errorCode(form)).toBeUndefined();
  });

  it('takes Action and Version from the query string of the legacy GET form', async () => {
    const r = await call(emu.port, {
      action: 'PutThing',
      version: '',
      method: 'GET',
      query: 'Action=PutThing&Version=2020-01-01&Name=q',
      headers: { 'X-TC-Action': '' },
    });
    expect(errorCode(r)).toBeUndefined();
  });
});
