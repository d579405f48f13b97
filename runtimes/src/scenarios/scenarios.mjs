// The scenarios every runtime runs, unchanged: the built @scope/cvm and @scope/hunyuan used as
// a user would, against the emulator the test started. Each scenario returns what it observed
// (error classes, codes, attempts, values); the vitest test of that runtime asserts on it.
// The emulator's stubs and faults for each action are set up by test/harness.ts (same names).
// First, so the fetch counter is installed before the SDK loads (a side-effect import: import
// sorting keeps it first).
import './observe-fetch.mjs';
import * as core from '@scope/core';
import { assumeRoleCredentials, profileCredentials } from '@scope/core/credentials';
import {
  AbortError,
  CredentialsError,
  CvmClient,
  getResponseMetadata,
  isCvmError,
  SdkError,
  TencentCloudError,
  TimeoutError,
} from '@scope/cvm';
import { HunyuanClient } from '@scope/hunyuan';
import { fetchCalls } from './observe-fetch.mjs';

/** Events the SSE scenario reads before it leaves the loop. */
export const SSE_READ = 3;
/** Items per page and pages of the pagination scenario. */
export const PAGE_SIZE = 2;
/** The int64 value the emulator answers (2^63 - 1, far beyond 2^53). */
export const INT64_VALUE = '9223372036854775807';
export const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/runtimes-test';

/**
 * @typedef {{
 *   endpoint: string,
 *   secretId: string,
 *   secretKey: string,
 *   region: string,
 *   env: Record<string, string | undefined>,
 *   profileFile: string,
 * }} ScenarioConfig
 */

/** The line prefix of the result a spawned runtime prints on stdout. */
export const RESULT_PREFIX = 'TC_RUNTIMES_RESULT ';

/**
 * The configuration from environment variables or Workers bindings: the emulator's URL in
 * `TC_RUNTIMES_ENDPOINT`, the keys in the SDK's own `TENCENTCLOUD_SECRET_ID` /
 * `TENCENTCLOUD_SECRET_KEY`, the INI file in `TC_RUNTIMES_PROFILE_FILE`.
 * @param {Record<string, string | undefined>} env
 * @returns {ScenarioConfig}
 */
export function configFromEnv(env) {
  const need = (name) => {
    const value = env[name];
    if (!value) throw new Error(`runtimes: ${name} is not set`);
    return value;
  };
  return {
    endpoint: need('TC_RUNTIMES_ENDPOINT'),
    secretId: need('TENCENTCLOUD_SECRET_ID'),
    secretKey: need('TENCENTCLOUD_SECRET_KEY'),
    region: env.TC_RUNTIMES_REGION ?? 'ap-guangzhou',
    profileFile: env.TC_RUNTIMES_PROFILE_FILE ?? '/nonexistent/credentials',
    env: {
      TENCENTCLOUD_SECRET_ID: env.TENCENTCLOUD_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: env.TENCENTCLOUD_SECRET_KEY,
    },
  };
}

/** What a thrown value was, in plain JSON (never a secret: messages are core's, redacted). */
export function describeError(err) {
  if (!(err instanceof Error)) return { threw: true, name: typeof err, message: String(err) };
  return {
    threw: true,
    name: err.name,
    message: err.message.slice(0, 300),
    code: err.code,
    sdkError: err instanceof SdkError,
    tencentCloudError: err instanceof TencentCloudError,
    timeoutError: err instanceof TimeoutError,
    abortError: err instanceof AbortError,
    credentialsError: err instanceof CredentialsError,
    attempts: err.attempts,
  };
}

/** Runs `fn`, expecting it to throw; what it threw, or `{ threw: false }`. */
async function thrown(fn) {
  try {
    const value = await fn();
    return { threw: false, value: typeof value };
  } catch (err) {
    return describeError(err);
  }
}

const fast = { baseDelayMs: 1, throttledBaseDelayMs: 1, maxDelayMs: 5 };

/** @param {ScenarioConfig} c */
function cvm(c, extra = {}) {
  return new CvmClient({
    endpoint: c.endpoint,
    region: c.region,
    credentials: { secretId: c.secretId, secretKey: c.secretKey },
    retry: fast,
    ...extra,
  });
}

/** @type {Record<string, (c: ScenarioConfig) => Promise<Record<string, unknown>>>} */
export const SCENARIOS = {
  // A TC3-signed call; the emulator recomputes the signature and rejects a wrong one.
  async signed(c) {
    const before = fetchCalls.count;
    const client = cvm(c);
    const out = await client.describeZones({});
    const meta = getResponseMetadata(out);
    const config = await client.describeClientConfig();
    return {
      zone: out.ZoneSet[0]?.Zone,
      requestId: out.RequestId,
      attempts: meta?.attempts,
      httpStatus: meta?.httpStatus,
      fetchCalls: fetchCalls.count - before,
      // What core says it picked through its `#runtime` import, where it says so.
      reportedTransport: core.RUNTIME_TRANSPORT ?? core.TRANSPORT ?? null,
      reportedRuntime: core.RUNTIME_NAME ?? null,
      credentialsProvider: config.credentials.provider ?? null,
    };
  },

  // An API error with a code the service declares, typed by the service's error guard.
  async apiError(c) {
    try {
      await cvm(c).stopInstances({ InstanceIds: ['ins-runtimes'] });
      return { threw: false };
    } catch (err) {
      return {
        ...describeError(err),
        isCvmError: isCvmError(err, 'StopInstances'),
        service: err.service,
        action: err.action,
      };
    }
  },

  // RequestLimitExceeded first, then success: one retry.
  async throttled(c) {
    const out = await cvm(c).describeRegions({});
    const meta = getResponseMetadata(out);
    return { attempts: meta?.attempts, regions: out.RegionSet.length };
  },

  // The server waits far longer than the client's timeout.
  async timeout(c) {
    return thrown(() => cvm(c).describeImages({}, { timeoutMs: 300, maxAttempts: 1 }));
  },

  // The call's AbortSignal fires while the request is in flight (the server holds it for 20 s).
  // 500 ms after the hook: signing and sending come after it, and the first signature of a
  // process loads node:crypto (Deno: about 22 ms), so a shorter delay could abort before sending.
  async abort(c) {
    const controller = new AbortController();
    const client = cvm(c, {
      hooks: { beforeRequest: () => setTimeout(() => controller.abort(), 500) },
    });
    return thrown(() => client.describeKeyPairs({}, { signal: controller.signal, maxAttempts: 1 }));
  },

  // An int64 beyond 2^53 arrives exactly, as a bigint.
  async int64(c) {
    const out = await cvm(c).describeAccountQuota({});
    return { type: typeof out.AppId, value: String(out.AppId) };
  },

  // hunyuan ChatCompletions with Stream: true; leaving the loop early closes the stream.
  async sse(c) {
    const ai = new HunyuanClient({
      endpoint: c.endpoint,
      region: c.region,
      credentials: { secretId: c.secretId, secretKey: c.secretKey },
    });
    const stream = await ai.chatCompletionsStream({
      Model: 'hunyuan-lite',
      Messages: [{ Role: 'user', Content: 'Count' }],
    });
    const contents = [];
    for await (const event of stream) {
      contents.push(event.Choices?.[0]?.Delta?.Content ?? null);
      if (contents.length === SSE_READ) break;
    }
    // Asked while this runtime is still running (its exit would close the connection anyway):
    // the emulator answers once it has seen the stream's connection closed, or after 10 s.
    const check = await ai.getTokenCount({ Prompt: 'was the stream closed?' });
    return {
      events: contents.length,
      contents,
      serverSawClose: check.TokenCount === 1,
      serverEventsSent: Number(check.CharacterCount),
    };
  },

  // The generated paginator walks every page (offset/limit, TotalCount).
  async pagination(c) {
    const ids = [];
    for await (const instance of cvm(c).paginateDescribeInstances({ Limit: PAGE_SIZE }))
      ids.push(instance.InstanceId);
    return { ids };
  },

  // Credentials from an env object the user passes (Workers bindings, Deno.env.toObject(), ...).
  async credentialsEnvObject(c) {
    const client = cvm(c, { credentials: core.envCredentials(c.env) });
    const out = await client.describeZones({});
    return { requestId: out.RequestId };
  },

  // No credentials option: the runtime's default chain (the environment where there is one).
  async credentialsDefaultChain(c) {
    const client = new CvmClient({ endpoint: c.endpoint, region: c.region, retry: fast });
    const call = await thrown(() => client.describeZones({}));
    const config = await client.describeClientConfig().catch(describeError);
    return { call, provider: config.credentials?.provider ?? null };
  },

  // Temporary credentials from STS AssumeRole (answered by the emulator), then a call with them.
  async credentialsSts(c) {
    const credentials = assumeRoleCredentials({
      source: { secretId: c.secretId, secretKey: c.secretKey },
      roleArn: ROLE_ARN,
      endpoint: c.endpoint,
    });
    const out = await cvm(c, { credentials }).describeZones({});
    return { requestId: out.RequestId };
  },

  // A profile file (INI) at an explicit path: works where there is a file system, and is a
  // CredentialsError (not a crash) where there is none.
  async credentialsProfileFile(c) {
    const client = cvm(c, { credentials: profileCredentials({ paths: [c.profileFile] }) });
    return thrown(() => client.describeZones({}));
  },
};

/**
 * Runs every scenario once, in order, and returns what each observed.
 * @param {ScenarioConfig} config
 * @param {{ name: string, version: string }} runtime what the entry adapter knows of its runtime
 */
export async function runScenarios(config, runtime) {
  /** @type {Record<string, unknown>} */
  const scenarios = {};
  for (const [name, run] of Object.entries(SCENARIOS)) {
    try {
      scenarios[name] = { ok: true, ...(await run(config)) };
    } catch (err) {
      scenarios[name] = { ok: false, error: describeError(err) };
    }
  }
  return { runtime, fetchCalls: fetchCalls.count, scenarios };
}
