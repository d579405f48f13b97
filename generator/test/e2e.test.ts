// End to end: the generated @scope/cvm (from specs/cvm) and @scope/hunyuan call a local server on
// 127.0.0.1 that recomputes the TC3 signature with core's signTc3 and answers with envelopes:
// success, a per-API error, a common error, pages, and a server-sent event stream.
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getResponseMetadata, isTencentCloudError, signTc3 } from '@scope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPECS_DIR, GENERATOR_DIR } from '../src/config.js';
import { gen, writeText } from './helpers.js';

const OUT = path.join(GENERATOR_DIR, '.out/e2e'); // inside generator/ so @scope/core resolves
const CREDS = { secretId: 'AKIDtest', secretKey: 'test-secret-key' };

interface Seen {
  action: string;
  version: string;
  body: Record<string, unknown>;
}
const seen: Seen[] = [];
let server: Server;
let endpoint: string;

function envelope(res: ServerResponse, response: object, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ Response: { ...response, RequestId: `req-${seen.length}` } }));
}

function signatureOk(req: IncomingMessage, body: Buffer): boolean {
  const auth = req.headers.authorization ?? '';
  const expected = signTc3({
    ...CREDS,
    service: req.headers['x-tc-version'] === '2023-09-01' ? 'hunyuan' : 'cvm',
    host: req.headers.host!,
    method: 'POST',
    path: '/',
    query: '',
    contentType: String(req.headers['content-type']),
    body,
    timestamp: Number(req.headers['x-tc-timestamp']),
  });
  return auth === expected;
}

function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
  const action = String(req.headers['x-tc-action']);
  const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  seen.push({ action, version: String(req.headers['x-tc-version']), body });
  if (!signatureOk(req, raw)) {
    return envelope(res, {
      Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' },
    });
  }
  if (action === 'DescribeInstances') {
    const offset = Number(body.Offset ?? 0);
    const all = ['ins-1', 'ins-2', 'ins-3'].map((InstanceId) => ({ InstanceId }));
    const limit = Number(body.Limit ?? 2);
    return envelope(res, {
      TotalCount: all.length,
      InstanceSet: all.slice(offset, offset + limit),
    });
  }
  if (action === 'DescribeInstancesStatus') {
    return envelope(res, { Error: { Code: 'InvalidInstanceId.Malformed', Message: 'bad id' } });
  }
  if (action === 'ChatCompletions') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"Id":"c1","Choices":[{"Delta":{"Content":"Hel"}}]}\n\n');
    res.end('data: {"Id":"c1","Choices":[{"Delta":{"Content":"lo"}}]}\n\n');
    return;
  }
  envelope(res, { Error: { Code: 'InvalidAction', Message: `no ${action}` } });
}

// biome-ignore lint/suspicious/noExplicitAny: generated modules are imported at run time
let cvm: any;
// biome-ignore lint/suspicious/noExplicitAny: generated modules are imported at run time
let hunyuan: any;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  // generated tsconfigs extend ../../tsconfig.base.json, as they would under packages/
  writeText(path.join(OUT, '../tsconfig.base.json'), '{ "extends": "../../tsconfig.base.json" }\n');
  const r = await gen(DEFAULT_SPECS_DIR, OUT, { services: ['cvm', 'hunyuan'] });
  expect(r.problems).toEqual([]);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cvm = await import(path.join(OUT, 'cvm/src/index.ts'));
  hunyuan = await import(path.join(OUT, 'hunyuan/src/index.ts'));
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('generated client against a local TC3-checking server', () => {
  it('resolves a signed call with the output and its RequestId', async () => {
    const client = new cvm.CvmClient({ endpoint, credentials: CREDS, region: 'ap-guangzhou' });
    const out = await client.describeInstances({ Limit: 2 });
    expect(out.InstanceSet.map((i: { InstanceId: string }) => i.InstanceId)).toEqual([
      'ins-1',
      'ins-2',
    ]);
    expect(out.TotalCount).toBe(3);
    expect(out.RequestId).toMatch(/^req-/);
    expect(getResponseMetadata(out)?.requestId).toBe(out.RequestId);
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({
      action: 'DescribeInstances',
      version: '2017-03-12',
      body: { Limit: 2 },
    });
  });

  it('rejects with the per-API error code, narrowed by the typed guard', async () => {
    const client = new cvm.CvmClient({ endpoint, credentials: CREDS, region: 'ap-guangzhou' });
    const err = await client
      .describeInstancesStatus({ InstanceIds: ['bad'] })
      .catch((e: unknown) => e);
    expect(isTencentCloudError(err)).toBe(true);
    expect(err.code).toBe('InvalidInstanceId.Malformed');
    expect(err.action).toBe('DescribeInstancesStatus');
    expect(cvm.isCvmError(err, 'DescribeInstancesStatus')).toBe(true);
    expect(cvm.CVM_ERRORS.describe('InvalidInstanceId.Malformed')).toBeTruthy();
  });

  it('rejects with a common error code when the signature is wrong', async () => {
    const client = new cvm.CvmClient({
      endpoint,
      credentials: { ...CREDS, secretKey: 'wrong' },
      region: 'ap-guangzhou',
    });
    const err = await client.describeInstances().catch((e: unknown) => e);
    expect(isTencentCloudError(err)).toBe(true);
    expect(err.code).toBe('AuthFailure.SignatureFailure');
    expect(cvm.isCvmError(err, 'DescribeInstances')).toBe(true); // common codes belong to every action
  });

  it('iterates items over pages with the paginator', async () => {
    const client = cvm.createCvmClient({ endpoint, credentials: CREDS, region: 'ap-guangzhou' });
    const before = seen.length;
    const ids: string[] = [];
    for await (const item of cvm.paginateDescribeInstances(client, { Limit: 2 }))
      ids.push(item.InstanceId);
    expect(ids).toEqual(['ins-1', 'ins-2', 'ins-3']);
    expect(seen.slice(before).map((s) => s.body.Offset)).toEqual([0, 2]);
  });

  it('calls a tree-shakable per-action function on a bare client', async () => {
    const out = await cvm.describeInstances(cvm.createCvmClient({ endpoint, credentials: CREDS }), {
      Limit: 1,
    });
    expect(out.InstanceSet).toHaveLength(1);
  });

  it('streams typed server-sent events', async () => {
    const client = new hunyuan.HunyuanClient({
      endpoint,
      credentials: CREDS,
      region: 'ap-guangzhou',
    });
    const stream = await client.chatCompletionsStream({
      Model: 'hunyuan-lite',
      Messages: [{ Role: 'user', Content: 'hi' }],
    });
    const parts: string[] = [];
    for await (const event of stream) parts.push(event.Choices[0].Delta.Content);
    expect(parts.join('')).toBe('Hello');
    expect(seen[seen.length - 1]!.body).toMatchObject({ Stream: true, Model: 'hunyuan-lite' });
  });
});
