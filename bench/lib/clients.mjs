// The three callers measured against the envelope server: ours, the official client, raw node:http.
import { createHmac, hash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const CREDS = {
  secretId: 'AKIDbenchbenchbenchbench',
  secretKey: 'benchbenchbenchbenchbenchbench00',
};
export const INPUT = { InstanceIds: ['ins-12345678'], Limit: 1 };

/** The raw ceiling: a keep-alive POST with a JSON body, the answer read and parsed. */
export function rawCaller(port) {
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const body = Buffer.from(JSON.stringify(INPUT));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
  };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()).Response));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * The raw loop with the 11 headers a TC3 call sends (fixed values): what the longer head costs
 * node:http on both sides. With `sign`, a real TC3 signature per call (`rawSignedCaller`).
 */
export function rawTc3Caller(port, sign = false) {
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const body = Buffer.from(JSON.stringify(INPUT));
  const signer = sign ? tc3Floor(CREDS.secretKey, 'cvm') : undefined;
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    Host: `127.0.0.1:${port}`,
    'X-TC-Action': 'DescribeInstances',
    'X-TC-Version': '2017-03-12',
    'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
    'X-TC-Language': 'en-US',
    'User-Agent': '@scope/cvm/0.1.0 @scope/core/0.1.0 node/20.20.2',
    'X-TC-RequestClient': '@scope/cvm/0.1.0 @scope/core/0.1.0',
    'Content-Length': String(body.length),
    'X-TC-Region': 'ap-guangzhou',
    Authorization: `TC3-HMAC-SHA256 Credential=${CREDS.secretId}/2026-12-01/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${'0'.repeat(64)}`,
  };
  return () =>
    new Promise((resolve, reject) => {
      if (signer) {
        const ts = Math.floor(Date.now() / 1000);
        headers['X-TC-Timestamp'] = String(ts);
        headers.Authorization = signer(headers.Host, body, ts);
      }
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()).Response));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * rawtc3 plus a real TC3 signature per call with the least work Node allows: two one-shot
 * hashes (body, canonical request) and the final HMAC as two more over pads prepared once for
 * the fixed derived key. The floor for any client that signs.
 */
export const rawSignedCaller = (port) => rawTc3Caller(port, true);

function tc3Floor(secretKey, service) {
  const date = new Date().toISOString().slice(0, 10);
  const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  const key = createHmac('sha256', kService).update('tc3_request').digest();
  const ipad = Buffer.alloc(64, 0x36);
  const opad = Buffer.alloc(64 + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  const scope = `${date}/${service}/tc3_request`;
  return (host, body, timestamp) => {
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:${host}\n\ncontent-type;host\n${hash('sha256', body, 'hex')}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${hash('sha256', canonical, 'hex')}`;
    opad.latin1Write(hash('sha256', Buffer.concat([ipad, Buffer.from(toSign)]), 'binary'), 64);
    return `TC3-HMAC-SHA256 Credential=${CREDS.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${hash('sha256', opad, 'hex')}`;
  };
}

/** Ours: the generated CvmClient from @scope/cvm. */
export async function oursCaller(port) {
  const { CvmClient } = await import('@scope/cvm');
  const client = new CvmClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'ap-guangzhou',
    credentials: CREDS,
  });
  return () => client.describeInstances(INPUT);
}

// The official client signs with the endpoint's first label as service, so it keeps the real
// host name and an agent that connects every socket to the local server instead.
class LoopbackAgent extends http.Agent {
  constructor(port) {
    super({ keepAlive: true, scheduling: 'lifo' });
    this.localPort = port;
  }
  createConnection(_options, callback) {
    const socket = net.connect(this.localPort, '127.0.0.1');
    if (callback) socket.once('connect', () => callback(null, socket));
    return socket;
  }
}

/** The official tencentcloud-sdk-nodejs-cvm client, given a keep-alive agent (its best case). */
export function officialCaller(port) {
  const { cvm } = require('tencentcloud-sdk-nodejs-cvm');
  const client = new cvm.v20170312.Client({
    credential: CREDS,
    region: 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: 'cvm.tencentcloudapi.com',
        protocol: 'http://',
        agent: new LoopbackAgent(port),
      },
    },
  });
  return () => client.DescribeInstances(INPUT);
}

/**
 * Runs `count` calls (or until `maxMs`) with `inFlight` at once. Returns calls per second and
 * this process's CPU time per call (user + system, µs): the client's own cost, which other
 * load on the machine disturbs less than the wall-clock rate.
 */
export async function measureCalls(call, { count, inFlight, maxMs }) {
  let started = 0;
  let done = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + maxMs;
  async function lane() {
    while (started < count && performance.now() < deadline) {
      started++;
      const res = await call();
      if (res.RequestId === undefined) throw new Error('no RequestId in the answer');
      done++;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rate: done / seconds, cpuUs: (cpu.user + cpu.system) / done };
}
