/**
 * The harness behind the per-action smoke tests the generator writes into every service package:
 * one emulator on the package's specs, client options pointing at it, and per-version helpers
 * (minimal input, default answer, answer check). Checks use node:assert/strict so this module
 * works under any test runner and adds no runtime dependency.
 */
import assert from 'node:assert/strict';
import { type EmulatorCredentials, TEST_CREDENTIALS } from './auth/verify.js';
import { type Emulator, startEmulator } from './server/emulator.js';

export interface SmokeHarnessOptions {
  /** Service short name, e.g. `cvm`. */
  service: string;
  /** Spec folder(s) the emulator loads (usually `specs/<service>` of the repository). */
  specs: string | readonly string[];
  /** Region put in the client options; defaults to `ap-guangzhou`. */
  region?: string;
  /** Credentials the emulator accepts and the client signs with; defaults to TEST_CREDENTIALS. */
  credentials?: EmulatorCredentials;
}

/** Client options aimed at the running emulator. */
export interface SmokeClientOptions {
  endpoint: string;
  credentials: EmulatorCredentials;
  region: string;
}

/** Helpers bound to one API version of the service. */
export interface SmokeVersion {
  /** The emulator's smallest valid input, typed as the caller's input (the emulator checks it). */
  input<T>(action: string): T;
  /** The emulator's default answer for the action, without RequestId. */
  answer(action: string): Record<string, unknown>;
  /**
   * Asserts a successful result: a string RequestId, a payload deep-equal to the default answer,
   * and the action as the last request the emulator recorded.
   */
  expectAnswer(action: string, result: { RequestId: string }): void;
  /** Stubs the next streamed call of `action` with one event (the default answer); returns it. */
  streamOnce(action: string): Record<string, unknown>;
}

export interface SmokeHarness {
  /** The running emulator; throws before start() or after stop(). */
  readonly emulator: Emulator;
  /** Starts the emulator (call once, e.g. in beforeAll). */
  start(): Promise<Emulator>;
  /** Closes the emulator; safe to call when it never started. */
  stop(): Promise<void>;
  options(): SmokeClientOptions;
  forVersion(version: string): SmokeVersion;
}

const DEFAULT_REGION = 'ap-guangzhou';

export function smokeHarness(opts: SmokeHarnessOptions): SmokeHarness {
  const { service } = opts;
  const specs = typeof opts.specs === 'string' ? [opts.specs] : [...opts.specs];
  const credentials = opts.credentials ?? TEST_CREDENTIALS;
  const region = opts.region ?? DEFAULT_REGION;
  let running: Emulator | undefined;

  const emu = (): Emulator => {
    if (!running) throw new Error(`smoke harness for ${service}: emulator not started`);
    return running;
  };

  return {
    get emulator() {
      return emu();
    },
    async start() {
      if (running) throw new Error(`smoke harness for ${service}: already started`);
      running = await startEmulator({ specs, credentials: [credentials] });
      return running;
    },
    async stop() {
      const e = running;
      running = undefined;
      await e?.close();
    },
    options: () => ({ endpoint: emu().url, credentials, region }),
    forVersion(version) {
      return {
        input: <T>(action: string): T => emu().minimalInput(service, action, version) as T,
        answer: (action) => emu().sample(service, action, version),
        expectAnswer(action, result) {
          const { RequestId, ...payload } = result;
          assert.equal(typeof RequestId, 'string', `${action}: RequestId is not a string`);
          assert.deepEqual(
            payload,
            emu().sample(service, action, version),
            `${action}: payload differs from the emulator's default answer`,
          );
          assert.equal(
            emu().requests.at(-1)?.action,
            action,
            `${action}: not the last action the emulator recorded`,
          );
        },
        streamOnce(action) {
          const event = emu().sample(service, action, version);
          emu().stubStream(action, [event], { service, times: 1 });
          return event;
        },
      };
    },
  };
}
