// HMAC-SHA256 compositions from `crypto.hash` vs `createHmac`, ns per op, same run, medians.
// `node bench/hmac.mjs [--quick]`. Not a part of `pnpm bench`: it measures the choices behind
// packages/core/src/runtime/node/hmac.ts (loaded from its TypeScript source through esbuild),
// so a Node upgrade can be checked quickly. Every variant is checked against createHmac first.
import { createHmac, hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { median, REPO_ROOT } from './lib/common.mjs';

const SOURCE = path.join(REPO_ROOT, 'packages/core/src/runtime/node/hmac.ts');
const { code } = transformSync(fs.readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'esm' });
const { hmacOnce, prepareHmacKey, hmacPrepared } = await import(
  `data:text/javascript,${encodeURIComponent(code)}`
);

const quick = process.argv.includes('--quick');
const N = quick ? 2000 : 200_000;
const ROUNDS = quick ? 3 : 9;

const BLOCK = 64;
function blocks(key) {
  const k = Buffer.from(key);
  const ipad = Buffer.alloc(BLOCK, 0x36);
  const opad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i] ^= k[i];
    opad[i] ^= k[i];
  }
  return { ipad, opad };
}

// The alternatives measured. Each returns the hex digest of `msg` (a string) under the key.
const VARIANTS = {
  createHmac: (key) => (msg) => createHmac('sha256', key).update(msg).digest('hex'),
  // Buffer.concat of the pads and the message, inner digest as a Buffer.
  concatBuffer: (key) => {
    const { ipad, opad } = blocks(key);
    return (msg) =>
      hash(
        'sha256',
        Buffer.concat([opad, hash('sha256', Buffer.concat([ipad, Buffer.from(msg)]), 'buffer')]),
        'hex',
      );
  },
  // Same, inner digest as a latin1 string written into a preallocated outer block.
  concatLatin1: (key) => {
    const { ipad } = blocks(key);
    const outer = Buffer.concat([blocks(key).opad, Buffer.alloc(32)]);
    return (msg) => {
      outer.write(hash('sha256', Buffer.concat([ipad, Buffer.from(msg)]), 'binary'), 64, 'latin1');
      return hash('sha256', outer, 'hex');
    };
  },
  // A shared scratch buffer: the key's ipad copied in on every call, message written after it.
  sharedScratch: (key) => {
    const { ipad } = blocks(key);
    const scratch = Buffer.alloc(64 + 512);
    const outer = Buffer.concat([blocks(key).opad, Buffer.alloc(32)]);
    return (msg) => {
      ipad.copy(scratch, 0);
      const n = scratch.write(msg, 64, 'utf8');
      outer.write(hash('sha256', scratch.subarray(0, 64 + n), 'binary'), 64, 'latin1');
      return hash('sha256', outer, 'hex');
    };
  },
  // Per-key inner buffer, message by TextEncoder.encodeInto, a new view every call.
  encodeInto: (key) => {
    const { ipad } = blocks(key);
    const inner = Buffer.concat([ipad, Buffer.alloc(512)]);
    const tail = inner.subarray(64);
    const outer = Buffer.concat([blocks(key).opad, Buffer.alloc(32)]);
    const enc = new TextEncoder();
    return (msg) => {
      const { written } = enc.encodeInto(msg, tail);
      outer.write(hash('sha256', inner.subarray(0, 64 + written), 'binary'), 64, 'latin1');
      return hash('sha256', outer, 'hex');
    };
  },
  // Per-key inner buffer, buf.write, a new view every call, inner digest as hex.
  inlineHex: (key) => {
    const { ipad } = blocks(key);
    const inner = Buffer.concat([ipad, Buffer.alloc(512)]);
    const outer = Buffer.concat([blocks(key).opad, Buffer.alloc(32)]);
    return (msg) => {
      const n = inner.write(msg, 64, 'utf8');
      outer.write(hash('sha256', inner.subarray(0, 64 + n), 'hex'), 64, 'hex');
      return hash('sha256', outer, 'hex');
    };
  },
  // As inlineHex with the inner digest as latin1: the module minus its view cache.
  inlineLatin1: (key) => {
    const { ipad } = blocks(key);
    const inner = Buffer.concat([ipad, Buffer.alloc(512)]);
    const outer = Buffer.concat([blocks(key).opad, Buffer.alloc(32)]);
    return (msg) => {
      const n = inner.write(msg, 64, 'utf8');
      outer.write(hash('sha256', inner.subarray(0, 64 + n), 'binary'), 64, 'latin1');
      return hash('sha256', outer, 'hex');
    };
  },
  // The module: inline buffer, latin1 inner digest, the last view reused.
  module: (key) => {
    const p = prepareHmacKey(key);
    return (msg) => hmacPrepared(p, msg, 'hex');
  },
};

const KEY = createHmac('sha256', 'k').update('derived').digest(); // 32 bytes, like TC3's
const MESSAGES = {
  // A TC3 string to sign: what the signer's final HMAC gets on every request.
  stringToSign: `TC3-HMAC-SHA256\n1700000000\n2023-11-14/cvm/tc3_request\n${'ab12'.repeat(16)}`,
  short: 'tc3_request',
  unicode: 'héllo wörld ✓ 云服务器 🚀'.repeat(3),
  long1KB: 'x'.repeat(1024), // beyond the inline buffer: the module concatenates
};

function timeIt(fn, msg) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += fn(msg).length;
  const ns = Number(process.hrtime.bigint() - t0) / N;
  if (sink === 42) console.log('');
  return ns;
}

const fns = Object.fromEntries(Object.entries(VARIANTS).map(([k, make]) => [k, make(KEY)]));
const rows = [];
for (const [mname, msg] of Object.entries(MESSAGES)) {
  const expected = createHmac('sha256', KEY).update(msg).digest('hex');
  for (const [name, fn] of Object.entries(fns)) {
    // long1KB overflows the 512-byte inline buffers of the hand-written variants: skip those.
    if (
      mname === 'long1KB' &&
      !['createHmac', 'concatBuffer', 'concatLatin1', 'module'].includes(name)
    )
      continue;
    if (fn(msg) !== expected) throw new Error(`${name} disagrees with createHmac on ${mname}`);
  }
  const samples = {};
  for (const [name, fn] of Object.entries(fns)) {
    if (
      mname === 'long1KB' &&
      !['createHmac', 'concatBuffer', 'concatLatin1', 'module'].includes(name)
    )
      continue;
    samples[name] = [];
    timeIt(fn, msg); // warm-up
  }
  // Rounds alternate between the variants so drifting load hits all of them alike.
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of Object.keys(samples)) samples[name].push(timeIt(fns[name], msg));
  }
  const base = median(samples.createHmac);
  for (const [name, s] of Object.entries(samples)) {
    const m = median(s);
    rows.push({
      message: mname,
      variant: name,
      ns: m.toFixed(0),
      'vs createHmac': (m / base).toFixed(2),
    });
  }
}

// Output 'buffer' (the derived-key chain) and key preparation.
const p = prepareHmacKey(KEY);
const extra = {
  'createHmac digest()': () => createHmac('sha256', KEY).update('tc3_request').digest(),
  "module 'buffer'": () => hmacPrepared(p, 'tc3_request', 'buffer'),
  "crypto.hash 'buffer' (one hash)": () => hash('sha256', 'tc3_request', 'buffer'),
  "crypto.hash 'binary' (one hash)": () => hash('sha256', 'tc3_request', 'binary'),
  prepareHmacKey: () => prepareHmacKey(KEY).outer,
  // A key used once (the derived-key chain): preparing it each time vs hmacOnce's own buffers.
  "prepareHmacKey + hmacPrepared 'buffer'": () =>
    hmacPrepared(prepareHmacKey(KEY), 'tc3_request', 'buffer'),
  "hmacOnce 'buffer'": () => hmacOnce(KEY, 'tc3_request', 'buffer'),
};
const extraSamples = Object.fromEntries(Object.keys(extra).map((k) => [k, []]));
for (const fn of Object.values(extra)) timeIt(fn);
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, fn] of Object.entries(extra)) extraSamples[k].push(timeIt(fn));
}
const base = median(extraSamples['createHmac digest()']);
for (const [k, s] of Object.entries(extraSamples)) {
  rows.push({
    message: 'short, Buffer out',
    variant: k,
    ns: median(s).toFixed(0),
    'vs createHmac': (median(s) / base).toFixed(2),
  });
}

console.table(rows);
console.log(
  `${ROUNDS} rounds of ${N} ops per variant, median round; Node ${process.version}; loadavg ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`,
);
