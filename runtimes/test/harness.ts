// What every runtime suite shares: the emulator (under Node, in this vitest process) set up for
// the scenarios of src/scenarios/scenarios.mjs, spawning a runtime's binary, and the assertions
// on what the scenarios observed. Each runtime's test file only says how to start its runtime.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatedApiError, type Emulator, startEmulator, TEST_CREDENTIALS } from '@scope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, RUNTIMES_DIR } from '../src/binaries.mjs';
import {
  INT64_VALUE,
  PAGE_SIZE,
  RESULT_PREFIX,
  ROLE_ARN,
  SSE_READ,
} from '../src/scenarios/scenarios.mjs';

/** Temporary credentials the emulator's AssumeRole hands out (and then accepts). */
const STS_CREDENTIALS = {
  secretId: 'AKIDruntimesTemporaryId000000000000',
  secretKey: 'runtimesTemporaryKey000000000000',
  token: 'runtimes-session-token',
};
const INSTANCE_IDS = ['ins-r1', 'ins-r2', 'ins-r3', 'ins-r4', 'ins-r5'];
/** Upper bound of the SSE stub's events; the client leaves after SSE_READ. */
const SSE_MAX_EVENTS = 2_000;
/** Long enough that only the client's own timeout / abort can end these calls. */
const HOLD_MS = 20_000;

export type Observation = Record<string, unknown> & { ok: boolean };
export interface RunResult {
  runtime: { name: string; version: string };
  fetchCalls: number;
  scenarios: Record<string, Observation>;
}

export interface Fixtures {
  emu: Emulator;
  /** Variables (or bindings) a runtime gets: emulator URL, keys, profile file. */
  env: Record<string, string>;
  sse: { closed: boolean; sent: number };
  close(): Promise<void>;
}

/** One emulator with a stub or fault per scenario (each scenario uses its own action). */
export async function startFixtures(): Promise<Fixtures> {
  const emu = await startEmulator({
    specs: [join(ROOT, 'specs')],
    credentials: [TEST_CREDENTIALS, STS_CREDENTIALS],
  });
  const dir = mkdtempSync(join(tmpdir(), 'tc-runtimes-'));
  const profileFile = join(dir, 'credentials');
  writeFileSync(
    profileFile,
    `[default]\nsecret_id = ${TEST_CREDENTIALS.secretId}\nsecret_key = ${TEST_CREDENTIALS.secretKey}\n`,
  );

  emu.stub('DescribeZones', {
    TotalCount: 1,
    ZoneSet: [{ Zone: 'ap-guangzhou-3', ZoneName: 'Guangzhou Zone 3', ZoneId: '100003' }],
  });
  emu.fail('StopInstances', 'InvalidInstanceId.NotFound');
  emu.stub('DescribeRegions', {
    TotalCount: 1,
    RegionSet: [{ Region: 'ap-guangzhou', RegionName: 'Guangzhou', RegionState: 'AVAILABLE' }],
  });
  emu.throttle('DescribeRegions', 1);
  emu.fail('DescribeImages', { delayMs: HOLD_MS });
  emu.fail('DescribeKeyPairs', { delayMs: HOLD_MS });
  emu.stub('DescribeAccountQuota', {
    AppId: BigInt(INT64_VALUE),
    AccountQuotaOverview: { Region: 'ap-guangzhou', AccountQuota: {} },
  });
  emu.stub('DescribeInstances', (input) => {
    const offset = Number(input.Offset ?? 0);
    const limit = Number(input.Limit ?? 20);
    const page = INSTANCE_IDS.slice(offset, offset + limit);
    return { TotalCount: INSTANCE_IDS.length, InstanceSet: page.map((id) => ({ InstanceId: id })) };
  });

  // The stream goes on (every 5 ms, at most SSE_MAX_EVENTS) until the client closes it; the
  // emulator then returns from the loop, which runs this generator's finally.
  const sse = { closed: false, sent: 0 };
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  emu.stubStream(
    'ChatCompletions',
    async function* events() {
      try {
        for (; sse.sent < SSE_MAX_EVENTS; sse.sent++)
          yield { Choices: [{ Delta: { Role: 'assistant', Content: `c${sse.sent}` } }] };
      } finally {
        sse.closed = true;
        markClosed();
      }
    },
    { intervalMs: 5 },
  );
  emu.stub('GetTokenCount', async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
    return { TokenCount: sse.closed ? 1 : 0, CharacterCount: sse.sent, Tokens: [] };
  });

  const now = Math.floor(Date.now() / 1000);
  emu.stub(
    'AssumeRole',
    (input) => {
      if (input.RoleArn !== ROLE_ARN) throw new EmulatedApiError('InvalidParameter', 'role');
      return {
        Credentials: {
          TmpSecretId: STS_CREDENTIALS.secretId,
          TmpSecretKey: STS_CREDENTIALS.secretKey,
          Token: STS_CREDENTIALS.token,
        },
        ExpiredTime: now + 7200,
        Expiration: new Date((now + 7200) * 1000).toISOString(),
      };
    },
    { service: 'sts' },
  );

  return {
    emu,
    sse,
    env: {
      TC_RUNTIMES_ENDPOINT: emu.url,
      TENCENTCLOUD_SECRET_ID: TEST_CREDENTIALS.secretId,
      TENCENTCLOUD_SECRET_KEY: TEST_CREDENTIALS.secretKey,
      TC_RUNTIMES_PROFILE_FILE: profileFile,
    },
    async close() {
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment a spawned runtime gets: nothing of ours but what it needs, and no proxy. */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TERM'];
  const env: Record<string, string> = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `limitMs`), collecting its output. */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; limitMs?: number } = {},
): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? RUNTIMES_DIR,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.limitMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The result line a spawned runtime printed; throws with its output when there is none. */
export function parseResult(out: Spawned): RunResult {
  const line = out.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (!line)
    throw new Error(
      `no result (exit ${out.code})\n--- stdout\n${out.stdout.slice(-3000)}\n--- stderr\n${out.stderr.slice(-3000)}`,
    );
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as RunResult;
}

export interface RuntimeSuite {
  /** Key in results.json (`bun`, `node24`, ...), and the name of the describe block. */
  id: string;
  /** Name shown in the README table. */
  label: string;
  /** `node:http` runtimes have a process environment; Workers and edge functions do not. */
  kind: 'process' | 'edge';
  /** What core's `RUNTIME_NAME` must be there (the `#runtime` implementation picked). */
  runtimeName: string;
  /** What a suite expects of transport, if anything (`undefined`: only recorded). */
  transport?: 'node:http' | 'fetch';
  /** The version the runtime's binary (or package) reports, e.g. `bun --version`. */
  version(): Promise<string>;
  /** Starts the runtime once and runs every scenario in it. */
  start(fx: Fixtures): Promise<{ result: RunResult; notes?: Record<string, unknown> }>;
  /** Extra tests on top of the scenarios (e.g. the bundle has no Node built-in). */
  extra?(): void;
}

const RESULTS_DIR = join(RUNTIMES_DIR, '.results');

/** Which credentials the run showed to work, in the words of the README table. */
function credentialsSeen(s: Record<string, Observation>): string[] {
  const seen: string[] = [];
  const ok = (name: string) => s[name]?.ok === true;
  const noThrow = (o: unknown) => (o as { threw?: boolean } | undefined)?.threw === false;
  if (ok('signed')) seen.push('explicit keys');
  if (ok('credentialsEnvObject')) seen.push('env object / bindings');
  if (ok('credentialsDefaultChain') && noThrow(s.credentialsDefaultChain?.call))
    seen.push('environment variables');
  if (ok('credentialsProfileFile') && noThrow(s.credentialsProfileFile)) seen.push('profile file');
  if (ok('credentialsSts')) seen.push('STS AssumeRole');
  return seen;
}

/**
 * The transport: what core reports (its `TRANSPORT` export, where it has one), else what the
 * run saw: a call that went through the global fetch is `fetch`; one that did not, in a runtime
 * with node:http, is core's node:http transport (core has no third).
 */
export function transportOf(result: RunResult): {
  transport: string;
  observed: string;
  reported: string | null;
  reportedRuntime: string | null;
} {
  const signed = result.scenarios.signed;
  if (signed?.ok !== true)
    return { transport: 'unknown', observed: 'unknown', reported: null, reportedRuntime: null };
  const observed = Number(signed.fetchCalls) > 0 ? 'fetch' : 'node:http';
  const reported = (signed.reportedTransport as string | null | undefined) ?? null;
  const reportedRuntime = (signed.reportedRuntime as string | null | undefined) ?? null;
  return { transport: reported ?? observed, observed, reported, reportedRuntime };
}

/** The describe block of one runtime: start it once, then one test per scenario. */
export function runtimeSuite(suite: RuntimeSuite): void {
  describe(suite.id, () => {
    let fx: Fixtures;
    let ran: { result: RunResult; notes?: Record<string, unknown> } | undefined;
    let startError: unknown;
    let version = 'unknown';

    beforeAll(async () => {
      fx = await startFixtures();
      try {
        version = await suite.version();
        ran = await suite.start(fx);
      } catch (err) {
        startError = err;
      }
      const meta = {
        id: suite.id,
        label: suite.label,
        version,
        ...(ran
          ? {
              transport: transportOf(ran.result),
              credentials: credentialsSeen(ran.result.scenarios),
              reportedRuntime: ran.result.runtime,
              notes: ran.notes ?? {},
            }
          : { error: String(startError).split('\n').slice(0, 4).join(' ').slice(0, 500) }),
      };
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `${suite.id}.json`), `${JSON.stringify(meta, null, 2)}\n`);
      // What the runtime itself reported, for reading when a test fails.
      const raw = ran?.result ?? { error: String(startError) };
      writeFileSync(join(RESULTS_DIR, `${suite.id}.run.json`), `${JSON.stringify(raw, null, 2)}\n`);
    });
    afterAll(() => fx?.close());

    const get = () => {
      if (!ran) throw startError instanceof Error ? startError : new Error(String(startError));
      return ran;
    };
    const scenario = (name: string): Observation => {
      const o = get().result.scenarios[name];
      if (!o) throw new Error(`scenario ${name} did not report`);
      if (!o.ok)
        throw new Error(`scenario ${name} failed in ${suite.id}: ${JSON.stringify(o.error)}`);
      return o;
    };

    it('starts and runs every scenario', () => {
      const { result } = get();
      expect(version).toMatch(/\d+\.\d+|\d{4}-\d{2}-\d{2}/);
      expect(Object.keys(result.scenarios)).toEqual([
        'signed',
        'apiError',
        'throttled',
        'timeout',
        'abort',
        'int64',
        'sse',
        'pagination',
        'credentialsEnvObject',
        'credentialsDefaultChain',
        'credentialsSts',
        'credentialsProfileFile',
      ]);
    });

    it('signed call', () => {
      const o = scenario('signed');
      expect(o).toMatchObject({ zone: 'ap-guangzhou-3', attempts: 1, httpStatus: 200 });
      expect(o.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const sent = fx.emu.requestsFor('DescribeZones');
      const ours = sent.find((r) => r.response?.requestId === o.requestId);
      expect(ours).toMatchObject({
        service: 'cvm',
        region: 'ap-guangzhou',
        secretId: TEST_CREDENTIALS.secretId,
        response: { status: 200 },
      });
      expect(ours?.headers.authorization).toBeDefined();
      const t = transportOf(get().result);
      // What core says it uses is what the call did.
      if (t.reported !== null) expect(t.reported).toBe(t.observed);
      // The `#runtime` implementation the export conditions picked, where core reports it.
      if (t.reportedRuntime !== null) expect(t.reportedRuntime).toBe(suite.runtimeName);
      if (suite.transport) expect(t.observed).toBe(suite.transport);
    });

    it('API error with a typed code', () => {
      expect(scenario('apiError')).toMatchObject({
        threw: true,
        name: 'TencentCloudError',
        tencentCloudError: true,
        sdkError: true,
        code: 'InvalidInstanceId.NotFound',
        isCvmError: true,
        service: 'cvm',
        action: 'StopInstances',
        attempts: 1,
      });
    });

    it('throttled call retries, then succeeds', () => {
      expect(scenario('throttled')).toMatchObject({ attempts: 2, regions: 1 });
      const codes = fx.emu.requestsFor('DescribeRegions').map((r) => r.response?.code ?? 'ok');
      expect(codes).toEqual(['RequestLimitExceeded', 'ok']);
    });

    it('timeout is a TimeoutError', () => {
      expect(scenario('timeout')).toMatchObject({
        threw: true,
        name: 'TimeoutError',
        timeoutError: true,
        sdkError: true,
        attempts: 1,
      });
    });

    it('AbortSignal gives an AbortError', () => {
      expect(scenario('abort')).toMatchObject({
        threw: true,
        name: 'AbortError',
        abortError: true,
        sdkError: true,
      });
      expect(fx.emu.requestsFor('DescribeKeyPairs').length).toBe(1);
    });

    it('int64 beyond 2^53 arrives as an exact bigint', () => {
      expect(scenario('int64')).toMatchObject({ type: 'bigint', value: INT64_VALUE });
    });

    it('SSE stream, break closes it', () => {
      const o = scenario('sse');
      expect(o.events).toBe(SSE_READ);
      expect(o.contents).toEqual(Array.from({ length: SSE_READ }, (_, i) => `c${i}`));
      expect(o.serverSawClose).toBe(true);
      expect(o.serverEventsSent).toBeLessThan(SSE_MAX_EVENTS);
      expect(fx.emu.requestsFor('ChatCompletions')[0]?.body).toMatchObject({ Stream: true });
    });

    it('paginator walks every page', () => {
      expect(scenario('pagination').ids).toEqual(INSTANCE_IDS);
      const offsets = fx.emu
        .requestsFor('DescribeInstances')
        .map((r) => Number((r.body as { Offset?: number }).Offset ?? 0));
      expect(offsets).toEqual([0, 2, 4]);
      expect(PAGE_SIZE).toBe(2);
    });

    it('credentials: env object (bindings) and STS', () => {
      expect(scenario('credentialsEnvObject').requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(scenario('credentialsSts').requestId).toMatch(/^[0-9a-f-]{36}$/);
      const assumed = fx.emu.requestsFor('AssumeRole');
      expect(assumed[0]).toMatchObject({ service: 'sts', secretId: TEST_CREDENTIALS.secretId });
      const withToken = fx.emu
        .requestsFor('DescribeZones')
        .filter((r) => r.secretId === STS_CREDENTIALS.secretId);
      expect(withToken.length).toBe(1);
      expect(withToken[0]?.headers['x-tc-token']).toBeDefined();
    });

    it('credentials: default chain and profile file', () => {
      const chain = scenario('credentialsDefaultChain');
      const profile = scenario('credentialsProfileFile');
      if (suite.kind === 'process') {
        // The keys are in this process's environment.
        expect(chain.call).toMatchObject({ threw: false });
        expect(chain.provider).toMatch(/environment/);
        // A runtime with a file system reads the file; if core leaves the provider out there,
        // it must say so with a CredentialsError, not crash.
        if (suite.id.startsWith('node')) expect(profile).toMatchObject({ threw: false });
        else if (profile.threw) expect(profile).toMatchObject({ credentialsError: true });
      } else {
        // No process environment and no file system: a clear CredentialsError.
        expect(chain.call).toMatchObject({ threw: true, credentialsError: true });
        expect(profile).toMatchObject({ threw: true, credentialsError: true });
      }
    });

    suite.extra?.();
  });
}
