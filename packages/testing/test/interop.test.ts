/**
 * The official Node SDK (tencentcloud-sdk-nodejs-cvm) against the emulator: proves the
 * emulator verifies Tencent's algorithm as Tencent's own client implements it, not only ours.
 * The client derives the signing service from the endpoint's first label, so it keeps
 * endpoint `cvm.tencentcloudapi.com` and an agent that connects to the emulator instead.
 */
import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { CRED, repoSpecs } from './helpers.js';

class LoopbackAgent extends Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): Socket {
    return connect(this.port, '127.0.0.1');
  }
}

const CvmClient = tencentcloud.cvm.v20170312.Client;

function officialClient(port: number, secretKey: string) {
  return new CvmClient({
    credential: { secretId: CRED.secretId, secretKey },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: 'cvm.tencentcloudapi.com',
        protocol: 'http://',
        agent: new LoopbackAgent(port),
      },
    },
  });
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [CRED] });
});
afterAll(() => emu.close());

describe('official tencentcloud-sdk-nodejs-cvm against the emulator', () => {
  it('calls DescribeInstances successfully', async () => {
    emu.stub('DescribeInstances', (input) => ({
      TotalCount: 1,
      InstanceSet: [{ InstanceId: (input.InstanceIds as string[])[0], InstanceName: 'web' }],
    }));
    const res = await officialClient(emu.port, CRED.secretKey).DescribeInstances({
      InstanceIds: ['ins-12345678'],
      Limit: 1,
    });
    expect(res.TotalCount).toBe(1);
    expect(res.InstanceSet?.[0]?.InstanceId).toBe('ins-12345678');
    expect(res.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    const rec = emu.requestsFor('DescribeInstances').at(-1);
    expect(rec).toMatchObject({ service: 'cvm', version: '2017-03-12', region: 'ap-guangzhou' });
    expect(rec?.response?.kind).toBe('ok');
  });

  it('answers the default data for an unstubbed action', async () => {
    const res = await officialClient(emu.port, CRED.secretKey).DescribeZones();
    expect(res.ZoneSet).toHaveLength(1);
  });

  it('rejects the same call with a wrong secret key: AuthFailure.SignatureFailure', async () => {
    const err = await officialClient(emu.port, 'wrong-secret-key')
      .DescribeInstances({ InstanceIds: ['ins-12345678'] })
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string; requestId?: string },
      );
    expect(err?.code).toBe('AuthFailure.SignatureFailure');
    expect(err?.requestId).toBeTypeOf('string');
  });
});
