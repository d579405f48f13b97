/**
 * The official Node SDK (tencentcloud-sdk-nodejs-cvm) against the emulator, set up exactly as
 * the README says: endpoint `cvm.tencentcloudapi.com`, protocol `http://`, the emulator as its
 * HTTP proxy. It proves the emulator verifies Tencent's algorithm as Tencent's own client
 * implements it, not only ours.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatedApiError, type Emulator, startEmulator } from '../src/index.js';
import { CRED, call, errorCode, repoSpecs } from './helpers.js';

const CvmClient = tencentcloud.cvm.v20170312.Client;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ specs: [repoSpecs], credentials: [CRED] });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

/** The README's snippet, with the secret key as a parameter. */
function officialClient(secretKey: string, endpoint = 'cvm.tencentcloudapi.com') {
  return new CvmClient({
    credential: { secretId: CRED.secretId, secretKey },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint, protocol: 'http://', proxy: emu.url } },
  });
}

function failure(p: Promise<unknown>) {
  return p.then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string; requestId?: string },
  );
}

describe('official tencentcloud-sdk-nodejs-cvm against the emulator (as the README says)', () => {
  it('calls DescribeInstances successfully', async () => {
    emu.stub('DescribeInstances', (input) => ({
      TotalCount: 1,
      InstanceSet: [{ InstanceId: (input.InstanceIds as string[])[0], InstanceName: 'web' }],
    }));
    const res = await officialClient(CRED.secretKey).DescribeInstances({
      InstanceIds: ['ins-12345678'],
      Limit: 1,
    });
    expect(res.TotalCount).toBe(1);
    expect(res.InstanceSet?.[0]?.InstanceId).toBe('ins-12345678');
    expect(res.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    const rec = emu.requestsFor('DescribeInstances').at(-1);
    expect(rec).toMatchObject({ service: 'cvm', version: '2017-03-12', region: 'ap-guangzhou' });
    expect(rec?.headers.host).toBe('cvm.tencentcloudapi.com');
    expect(rec?.response).toMatchObject({ kind: 'ok', status: 200 });
  });

  it('answers the default data for an unstubbed action', async () => {
    const res = await officialClient(CRED.secretKey).DescribeZones();
    expect(res.ZoneSet).toHaveLength(1);
  });

  it('surfaces an API error answered by the emulator (code, message, RequestId)', async () => {
    emu.stub('DescribeInstances', () => {
      throw new EmulatedApiError('InvalidInstanceId.NotFound', 'No instance ins-00000000.');
    });
    const err = await failure(
      officialClient(CRED.secretKey).DescribeInstances({ InstanceIds: ['ins-00000000'] }),
    );
    expect(err?.code).toBe('InvalidInstanceId.NotFound');
    expect(err?.message).toBe('No instance ins-00000000.');
    expect(err?.requestId).toBe(emu.requests.at(-1)?.response?.requestId);
  });

  it('rejects the same call with a wrong secret key: AuthFailure.SignatureFailure', async () => {
    const err = await failure(
      officialClient('wrong-secret-key').DescribeInstances({ InstanceIds: ['ins-12345678'] }),
    );
    expect(err?.code).toBe('AuthFailure.SignatureFailure');
    expect(err?.requestId).toBeTypeOf('string');
  });

  it('rejects what it signs for endpoint 127.0.0.1 (service `127`), saying why', async () => {
    const direct = new CvmClient({
      credential: { secretId: CRED.secretId, secretKey: CRED.secretKey },
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: `127.0.0.1:${emu.port}`, protocol: 'http://' } },
    });
    const err = await failure(direct.DescribeInstances({}));
    expect(err?.code).toBe('AuthFailure.SignatureFailure');
    expect(err?.message).toContain('`127`');
    expect(err?.message).toContain('proxy');
  });
});

describe('the emulator as its own HTTP proxy', () => {
  it('serves a CONNECT tunnel itself and never dials the target', async () => {
    // A target that does not exist: the tunnel must end at the emulator, not be forwarded.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(emu.port, '127.0.0.1', () => {
        socket.write('CONNECT nowhere.invalid:80 HTTP/1.1\r\nHost: nowhere.invalid:80\r\n\r\n');
      });
      let text = '';
      let sent = false;
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => {
        text += c;
        if (!sent && text.includes('\r\n\r\n')) {
          sent = true;
          socket.write(
            'POST / HTTP/1.1\r\nHost: cvm.tencentcloudapi.com\r\nContent-Type: application/json\r\n' +
              'X-TC-Action: DescribeZones\r\nX-TC-Version: 2017-03-12\r\nContent-Length: 2\r\n' +
              'Connection: close\r\n\r\n{}',
          );
        }
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.startsWith('HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200')).toBe(true);
    // No Authorization: the signature check answers, proving the request reached the emulator.
    expect(answer).toContain('"Code":"MissingParameter"');
    expect(emu.requests.at(-1)).toMatchObject({ service: 'cvm', action: 'DescribeZones' });
  });

  it('refuses a tunnel to port 443 with a plain-HTTP hint', async () => {
    const res = await new Promise<{ status?: number; text: string }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: emu.port,
        method: 'CONNECT',
        path: 'cvm.tencentcloudapi.com:443',
      });
      req.on('connect', (r, socket, head) => {
        let text = head.toString('utf8');
        socket.setEncoding('utf8');
        socket.on('data', (c: string) => {
          text += c;
        });
        socket.on('end', () =>
          resolve({ status: r.statusCode, text: `${r.statusMessage} ${text}` }),
        );
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(501);
    expect(res.text).toContain('use protocol http://');
  });
});

describe('<service>.localhost hosts', () => {
  it('routes by the first label when it is a service of the specs, and checks that scope', async () => {
    const host = `cvm.localhost:${emu.port}`;
    const ok = await call(emu.port, {
      service: 'cvm',
      action: 'DescribeZones',
      version: '2017-03-12',
      host,
    });
    expect(errorCode(ok)).toBeUndefined();
    expect(emu.requests.at(-1)).toMatchObject({ service: 'cvm', action: 'DescribeZones' });
    const regional = await call(emu.port, {
      service: 'cvm',
      action: 'DescribeZones',
      version: '2017-03-12',
      host: `cvm.ap-shanghai.localhost:${emu.port}`,
    });
    expect(errorCode(regional)).toBeUndefined();
    expect(emu.requests.at(-1)?.region).toBe('ap-shanghai');
    // Signed for another service than the Host names: the Host wins, the signature fails.
    const other = await call(emu.port, {
      service: 'vpc',
      action: 'DescribeZones',
      version: '2017-03-12',
      host,
    });
    expect(errorCode(other)).toBe('AuthFailure.SignatureFailure');
    expect(emu.requests.at(-1)?.service).toBe('cvm');
  });
});
