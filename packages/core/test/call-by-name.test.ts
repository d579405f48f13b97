import { afterEach, describe, expect, it } from 'vitest';
import { ServiceClient } from '../src/call/client.js';
import { CommonClient } from '../src/call/common-client.js';
import { ConfigurationError, TencentCloudError } from '../src/errors/index.js';
import { inferActionInfo, isReadOnlyAction } from '../src/protocol/action-name.js';
import { signTc3 } from '../src/signer/sign.js';
import { json, startServer } from './helpers/server.js';

const CREDS = { secretId: 'AKIDcommon', secretKey: 'common-secret-key' };
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** Answers InternalError to the first request of each action, then a result. */
async function flakyServer() {
  const seen = new Set<string>();
  const s = await startServer({
    '*': (req, res) => {
      const action = String(req.headers['x-tc-action']);
      if (!seen.has(action)) {
        seen.add(action);
        json(res, 200, {
          Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: 'r1' },
        });
      } else json(res, 200, { Response: { RequestId: 'r2', Action: action } });
    },
  });
  servers.push(s);
  return s;
}

describe('calling an action by name', () => {
  it('CommonClient signs and sends any action of any service like a generated client', async () => {
    const srv = await flakyServer();
    const common = new CommonClient({
      service: 'tag',
      version: '2018-08-13',
      region: 'ap-guangzhou',
      endpoint: srv.url,
      credentials: CREDS,
      retry: { baseDelayMs: 0 },
    });
    const out = await common.call<{ Action: string }>('DescribeTags', { Limit: 1 });
    expect(out).toEqual({ RequestId: 'r2', Action: 'DescribeTags' });
    const req = srv.received[1];
    expect(req?.headers['x-tc-action']).toBe('DescribeTags');
    expect(req?.headers['x-tc-version']).toBe('2018-08-13');
    expect(req?.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(String(req?.headers['x-tc-requestclient'])).toMatch(/^@scope\/core\//);
    expect(req?.headers.authorization).toBe(
      signTc3({
        ...CREDS,
        service: 'tag',
        host: new URL(srv.url).host,
        contentType: String(req?.headers['content-type']),
        body: req?.body ?? '',
        timestamp: Number(req?.headers['x-tc-timestamp']),
      }),
    );
  });

  it('infers read-only from the name, so InternalError is retried only for reads', async () => {
    const srv = await flakyServer();
    const c = new ServiceClient(
      { service: 'cvm', version: '2017-03-12', packageName: 't', packageVersion: '0' },
      { endpoint: srv.url, credentials: CREDS, retry: { baseDelayMs: 0 } },
    );
    await expect(c.call('DescribeZones')).resolves.toMatchObject({ Action: 'DescribeZones' });
    const err = await c.call('TerminateInstances', { InstanceIds: ['ins-1'] }).catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(err.code).toBe('InternalError');
    expect(err.attempts).toBe(1);
    expect(srv.received.map((r) => r.headers['x-tc-action'])).toEqual([
      'DescribeZones',
      'DescribeZones',
      'TerminateInstances',
    ]);
  });

  it('uses the generator rule for read-only names', () => {
    for (const n of [
      'DescribeInstances',
      'GetAccount',
      'ListTopics',
      'QueryX',
      'InquiryPriceRunInstances',
      'InquirePriceRenew',
    ])
      expect(isReadOnlyAction(n)).toBe(true);
    for (const n of ['RunInstances', 'Describe', 'Getaway', 'DeleteDescribeRule', 'Listen'])
      expect(isReadOnlyAction(n)).toBe(false);
    expect(inferActionInfo('DescribeZones')).toBe(inferActionInfo('DescribeZones'));
    expect(inferActionInfo('DescribeZones')).toEqual({ name: 'DescribeZones', readOnly: true });
  });

  it('rejects names and versions that cannot be sent, before anything is sent', async () => {
    const srv = await flakyServer();
    expect(() => new CommonClient({ service: 'cvm.evil', version: '2017-03-12' })).toThrow(
      expect.objectContaining({ option: 'service' }),
    );
    expect(() => new CommonClient({ service: 'cvm', version: 'latest' })).toThrow(
      expect.objectContaining({ option: 'version' }),
    );
    const c = new CommonClient({
      service: 'cvm',
      version: '2017-03-12',
      endpoint: srv.url,
      credentials: CREDS,
    });
    const bad = await c.call('Describe Instances\r\nX: y').catch((e) => e);
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect(bad.option).toBe('action');
    const notName = await c.call(42 as unknown as string).catch((e) => e);
    expect(notName).toBeInstanceOf(ConfigurationError);
    expect(srv.received).toHaveLength(0);
  });
});
