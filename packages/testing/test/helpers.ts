/** Test helpers: paths, a tiny in-memory spec, and a raw signed HTTP call. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signTc3 } from '@scope/core';
import type { LoadedSpec } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const repoSpecs = resolve(repoRoot, 'specs');
// The tests read the committed facts in specs/ (all 296 service versions), never Tencent's own
// files, which a clone does not have.

/**
 * The committed facts of `services` laid out as Tencent publishes them, in a new temp folder
 * (the caller removes it): `tccli/<folder>/v<date>/api.json`, `errors/<short>-<date>.json`.
 */
export function upstreamLayout(services: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tc-emulator-upstream-'));
  mkdirSync(join(root, 'errors'));
  for (const svc of services) {
    for (const ver of readdirSync(join(repoSpecs, svc))) {
      const from = join(repoSpecs, svc, ver);
      const to = join(root, 'tccli', svc, ver);
      mkdirSync(to, { recursive: true });
      copyFileSync(join(from, 'api.json'), join(to, 'api.json'));
      const { metadata } = JSON.parse(readFileSync(join(from, 'api.json'), 'utf8'));
      const errors = `${metadata.serviceShortName}-${metadata.apiVersion}.json`;
      copyFileSync(join(from, 'errors.json'), join(root, 'errors', errors));
    }
  }
  return root;
}

export const CRED = { secretId: 'AKIDtestEmulator0001', secretKey: 'test-secret-key-1' };
export const TEMP = {
  secretId: 'AKIDtempEmulator0002',
  secretKey: 'test-secret-key-2',
  token: 'session-token-2',
};

/** A small service "demo" with nested required members and every primitive type. */
export const DEMO: LoadedSpec = {
  api: {
    metadata: { apiVersion: '2020-01-01', serviceShortName: 'demo' },
    actions: {
      PutThing: { input: 'PutThingRequest', output: 'PutThingResponse', status: 'online' },
      OldThing: { input: 'PutThingRequest', output: 'PutThingResponse', status: 'offline' },
      Chat: { input: 'ChatRequest', output: 'ChatResponse' },
      Login: { input: 'LoginRequest', output: 'LoginResponse' },
    },
    objects: {
      PutThingRequest: {
        members: [
          { name: 'Name', type: 'string', member: 'string', required: true },
          { name: 'Count', type: 'int', member: 'int64' },
          { name: 'Size', type: 'int', member: 'uint64' },
          { name: 'Ratio', type: 'float', member: 'float' },
          { name: 'Enabled', type: 'bool', member: 'bool' },
          { name: 'Tags', type: 'list', member: 'Tag' },
          { name: 'Ids', type: 'list', member: 'string' },
          { name: 'Placement', type: 'object', member: 'Placement' },
          { name: 'DryRun', type: 'bool', member: 'bool' },
        ],
      },
      Tag: {
        members: [
          { name: 'Key', type: 'string', member: 'string', required: true },
          { name: 'Value', type: 'string', member: 'string' },
        ],
      },
      Placement: {
        members: [
          { name: 'Zone', type: 'string', member: 'string', required: true },
          { name: 'ProjectId', type: 'int', member: 'int64' },
        ],
      },
      PutThingResponse: {
        members: [
          { name: 'ThingId', type: 'string', member: 'string', output_required: true },
          { name: 'Created', type: 'string', member: 'datetime' },
          { name: 'Total', type: 'int', member: 'uint64', output_required: true },
          { name: 'Items', type: 'list', member: 'Item' },
          { name: 'RequestId', type: 'string', member: 'string' },
        ],
      },
      Item: {
        members: [
          { name: 'Id', type: 'string', member: 'string', output_required: true },
          { name: 'Score', type: 'float', member: 'float' },
          { name: 'Child', type: 'object', member: 'Item' },
        ],
      },
      ChatRequest: {
        members: [
          { name: 'Prompt', type: 'string', member: 'string', required: true },
          { name: 'Stream', type: 'bool', member: 'bool' },
        ],
      },
      ChatResponse: {
        members: [
          { name: 'Text', type: 'string', member: 'string' },
          { name: 'RequestId', type: 'string', member: 'string' },
        ],
      },
      LoginRequest: { members: [{ name: 'User', type: 'string', member: 'string' }] },
      LoginResponse: {
        members: [
          { name: 'Ok', type: 'bool', member: 'bool' },
          { name: 'RequestId', type: 'string', member: 'string' },
        ],
      },
    },
  },
  errors: {
    errors: [{ code: 'ResourceNotFound.Thing', description: 'The thing does not exist.' }],
    actionErrors: { PutThing: ['ResourceNotFound.Thing'] },
    actionFlags: { Chat: { sse: true }, Login: { skipSign: true } },
  },
};

export interface CallInput {
  readonly service?: string;
  readonly action: string;
  readonly version?: string;
  readonly body?: unknown;
  /** Raw body text (overrides `body`). */
  readonly rawBody?: string;
  /** Sent instead of the signed body (tampering). */
  readonly sentBody?: string;
  readonly cred?: { secretId: string; secretKey: string; token?: string } | null;
  readonly timestamp?: number;
  /** Host header and signed host; default `<service>.tencentcloudapi.com`. */
  readonly host?: string;
  readonly headers?: Record<string, string>;
  readonly method?: 'GET' | 'POST';
  readonly query?: string;
  readonly contentType?: string;
  readonly path?: string;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  readonly json: any;
}

/** Sends one request to the emulator, signed with core's signer unless `cred` is null. */
export function call(port: number, input: CallInput): Promise<CallResult> {
  const service = input.service ?? 'demo';
  const method = input.method ?? 'POST';
  const host = input.host ?? `${service}.tencentcloudapi.com`;
  const body = method === 'GET' ? '' : (input.rawBody ?? JSON.stringify(input.body ?? {}));
  const contentType =
    input.contentType ??
    (method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8');
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    Host: host,
    'Content-Type': contentType,
    'X-TC-Action': input.action,
    'X-TC-Timestamp': String(timestamp),
    ...(input.version === '' ? {} : { 'X-TC-Version': input.version ?? '2020-01-01' }),
  };
  const cred: CallInput['cred'] = input.cred === undefined ? CRED : input.cred;
  if (cred) {
    headers.Authorization = signTc3({
      ...cred,
      service,
      host,
      method,
      path: input.path ?? '/',
      query: input.query ?? '',
      contentType,
      body,
      timestamp,
    });
    if (cred.token) headers['X-TC-Token'] = cred.token;
  }
  Object.assign(headers, input.headers);
  const path = (input.path ?? '/') + (input.query ? `?${input.query}` : '');
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(input.sentBody ?? body);
  });
}

export function errorCode(r: CallResult): string | undefined {
  return r.json?.Response?.Error?.Code;
}
