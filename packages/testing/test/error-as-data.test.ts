/**
 * lkeap's GetSplitDocumentResult declares an output member named `Error`. The emulator answers
 * both shapes (a result that carries `Error` as data, and a real error envelope), and core,
 * told by the action's `errorIsData` fact, reads each correctly.
 */
import { resolve } from 'node:path';
import { ServiceClient, TencentCloudError } from '@scope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatedApiError, type Emulator, startEmulator } from '../src/index.js';
import { CRED, repoSpecs } from './helpers.js';

const LKEAP = {
  service: 'lkeap',
  version: '2024-05-22',
  packageName: '@scope/lkeap',
  packageVersion: '0.0.0',
};
const ACTION = { name: 'GetSplitDocumentResult', readOnly: true, errorIsData: true } as const;

let emu: Emulator;
let client: ServiceClient;
beforeAll(async () => {
  emu = await startEmulator({ specs: [resolve(repoSpecs, 'lkeap')], credentials: [CRED] });
  client = new ServiceClient(LKEAP, { endpoint: emu.url, credentials: CRED, maxAttempts: 1 });
});
afterAll(() => emu.close());

describe('an output member named Error', () => {
  it('is data when the Response holds more than Error and RequestId', async () => {
    emu.stub(
      'GetSplitDocumentResult',
      { Status: 'Failed', Error: { Code: 'PageLimit', Message: 'too many pages' } },
      { times: 1 },
    );
    const out = await client.request<{ Status: string; Error?: { Code: string } }>(ACTION, {
      TaskId: 't-1',
    });
    expect(out.Status).toBe('Failed');
    expect(out.Error?.Code).toBe('PageLimit');
  });

  it('is an API error when the emulator answers a real error envelope', async () => {
    emu.stub(
      'GetSplitDocumentResult',
      () => {
        throw new EmulatedApiError('ResourceNotFound', 'no such task');
      },
      { times: 1 },
    );
    const err = await client.request(ACTION, { TaskId: 't-2' }).catch((e) => e);
    expect(err).toBeInstanceOf(TencentCloudError);
    expect(err.code).toBe('ResourceNotFound');
  });

  it('the default answer leaves the member out, so it reads as a plain result', async () => {
    const out = await client.request<{ RequestId: string }>(ACTION, { TaskId: 't-3' });
    expect(typeof out.RequestId).toBe('string');
  });
});
