import { afterEach, describe, expect, it } from 'vitest';
import { ServiceClient } from '../src/call/client.js';
import { TencentCloudError } from '../src/errors/index.js';
import { json, type Received, startServer } from './helpers/server.js';

const CVM = { service: 'cvm', version: '2017-03-12', packageName: 't', packageVersion: '0' };
const CREDS = { secretId: 'AKIDtoken', secretKey: 'token-secret-key' };
const RUN = { name: 'RunInstances', clientToken: true } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** InternalError (may have run) to the first `failures` requests, then success. */
async function setup(failures: number, opts: { method?: 'GET' } = {}) {
  let n = 0;
  const srv = await startServer({
    '*': (_req, res) => {
      if (n++ < failures)
        json(res, 200, {
          Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: `e${n}` },
        });
      else json(res, 200, { Response: { RequestId: `ok${n}`, InstanceIdSet: ['ins-1'] } });
    },
  });
  servers.push(srv);
  const client = new ServiceClient(CVM, {
    endpoint: srv.url,
    credentials: CREDS,
    retry: { baseDelayMs: 0 },
    ...(opts.method ? { httpMethod: opts.method } : {}),
  });
  return { srv, client };
}
const tokenOf = (r: Received | undefined) => JSON.parse(String(r?.body)).ClientToken;

describe('ClientToken for actions flagged clientToken', () => {
  it('fills a fresh UUID, the same on every attempt, so a mutation is retried safely', async () => {
    const { srv, client } = await setup(2);
    const input = { ImageId: 'img-1' };
    await client.request(RUN, input);
    expect(srv.received).toHaveLength(3);
    const tokens = srv.received.map(tokenOf);
    expect(tokens[0]).toMatch(UUID);
    expect(new Set(tokens).size).toBe(1);
    expect(input).toEqual({ ImageId: 'img-1' }); // the caller's object is untouched
    await client.request(RUN, input);
    expect(tokenOf(srv.received[3])).toMatch(UUID);
    expect(tokenOf(srv.received[3])).not.toBe(tokens[0]); // one token per call
  });

  it("keeps the caller's own token", async () => {
    const { srv, client } = await setup(1);
    await client.request(RUN, { ClientToken: 'mine-123' });
    expect(srv.received.map(tokenOf)).toEqual(['mine-123', 'mine-123']);
  });

  it('adds nothing to an action that is not flagged, whose mutation is then not retried', async () => {
    const { srv, client } = await setup(1);
    const err = await client
      .request({ name: 'RunInstances' }, { ImageId: 'img-1' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(srv.received).toHaveLength(1);
    expect(JSON.parse(String(srv.received[0]?.body))).toEqual({ ImageId: 'img-1' });
  });

  it('puts the token in the query string of GET requests too', async () => {
    const { srv, client } = await setup(1, { method: 'GET' });
    await client.request(RUN, { ImageId: 'img-1' });
    const tokens = srv.received.map((r) =>
      new URL(r.url, 'http://x').searchParams.get('ClientToken'),
    );
    expect(tokens[0]).toMatch(UUID);
    expect(tokens[1]).toBe(tokens[0]);
  });
});
