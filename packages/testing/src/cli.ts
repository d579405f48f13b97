#!/usr/bin/env node
/**
 * tc-emulator: run the emulator from a shell.
 *   tc-emulator --port 4566 --specs ./specs [--specs <a tccli/ + errors/ folder>]
 *               [--credentials AKID...:key[:token]] [--no-verify] [--default-service cvm]
 * Without --credentials, TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY /
 * TENCENTCLOUD_SESSION_TOKEN are used when set; with no key at all, signatures are not checked.
 */
import { parseArgs } from 'node:util';
import type { EmulatorCredentials } from './auth/verify.js';
import { startEmulator } from './server/emulator.js';

const USAGE = `Usage: tc-emulator [--port 4566] [--host 127.0.0.1] --specs <dir> [--specs <dir>...]
                   [--credentials <secretId>:<secretKey>[:<token>]...] [--no-verify]
                   [--default-service <svc>] [--max-skew <seconds>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      host: { type: 'string', default: '127.0.0.1' },
      specs: { type: 'string', multiple: true },
      credentials: { type: 'string', multiple: true },
      'no-verify': { type: 'boolean', default: false },
      'default-service': { type: 'string' },
      'max-skew': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.specs?.length) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const credentials = (values.credentials ?? []).map(parseCredential);
  const envId = process.env.TENCENTCLOUD_SECRET_ID;
  const envKey = process.env.TENCENTCLOUD_SECRET_KEY;
  if (credentials.length === 0 && envId && envKey) {
    const token = process.env.TENCENTCLOUD_SESSION_TOKEN;
    credentials.push({ secretId: envId, secretKey: envKey, ...(token ? { token } : {}) });
  }
  const started = performance.now();
  const emu = await startEmulator({
    specs: values.specs,
    credentials,
    verifySignatures: values['no-verify'] ? false : undefined,
    port: Number(values.port),
    host: values.host,
    defaultService: values['default-service'],
    maxSkewSeconds: values['max-skew'] ? Number(values['max-skew']) : undefined,
  });
  const ms = (performance.now() - started).toFixed(0);
  const checking =
    credentials.length > 0 && !values['no-verify']
      ? `checking signatures for ${credentials.map((c) => c.secretId).join(', ')}`
      : 'not checking signatures';
  process.stdout.write(
    `tc-emulator listening on ${emu.url}: ${emu.catalog.size} service versions ` +
      `(${emu.catalog.services().length} services), ${checking}; ready in ${ms} ms\n`,
  );
  const stop = () => {
    emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parseCredential(text: string): EmulatorCredentials {
  const [secretId, secretKey, token] = text.split(':');
  if (!secretId || !secretKey) {
    throw new Error('--credentials expects <secretId>:<secretKey>[:<token>]');
  }
  return { secretId, secretKey, ...(token ? { token } : {}) };
}

main().catch((err: unknown) => {
  process.stderr.write(`tc-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
