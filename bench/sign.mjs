// Part 2: TC3-HMAC-SHA256 signing, µs per request: core's signTc3 vs the official Sign.sign3.
// Both sign the same request; rounds alternate between the two and the median round counts.
import { createRequire } from 'node:module';
import { signTc3 } from '@scope/core';
import { median, runPart } from './lib/common.mjs';

const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;

const SECRET_ID = 'AKIDbenchbenchbenchbenchbenchbench';
const SECRET_KEY = 'benchbenchbenchbenchbenchbenchbe';
const HOST = 'cvm.tencentcloudapi.com';
const CONTENT_TYPE = 'application/json; charset=utf-8';
// A typical DescribeInstances request.
const INPUT = {
  InstanceIds: ['ins-12345678', 'ins-87654321'],
  Filters: [{ Name: 'zone', Values: ['ap-guangzhou-3'] }],
  Offset: 0,
  Limit: 20,
};
const BODY = Buffer.from(JSON.stringify(INPUT));

function ours(timestamp, body = BODY, secretKey = SECRET_KEY) {
  return signTc3({
    secretId: SECRET_ID,
    secretKey,
    service: 'cvm',
    host: HOST,
    contentType: CONTENT_TYPE,
    body,
    timestamp,
  });
}

// The official client hands sign3 the request object and it serializes it itself (json-bigint).
function official(timestamp, payload = BODY) {
  return Sign.sign3({
    method: 'POST',
    url: `https://${HOST}/`,
    payload,
    timestamp,
    service: 'cvm',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    headers: { 'Content-Type': CONTENT_TYPE },
  });
}

/** µs per op of `fn(i)` over `n` ops. */
function timeIt(n, fn) {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += fn(i).length;
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  if (sink === 42) console.log(''); // keeps the result alive
  return us;
}

export async function run({ quick = false } = {}) {
  const n = quick ? 200 : 40_000;
  const rounds = quick ? 3 : 9;
  const ts = Math.floor(Date.now() / 1000);
  // Same bytes in, same header out: the two implementations must agree before we time them.
  if (ours(ts) !== official(ts)) throw new Error('signTc3 and Sign.sign3 disagree');
  // Many secret keys defeat core's derived-key cache: the worst case for ours.
  const keys = Array.from({ length: 64 }, (_, i) => `${SECRET_KEY}${i}`);
  const cases = {
    oursBytes: (i) => ours(ts + (i & 7)),
    officialBytes: (i) => official(ts + (i & 7)),
    oursSerialize: (i) => ours(ts + (i & 7), Buffer.from(JSON.stringify(INPUT))),
    officialObject: (i) => official(ts + (i & 7), INPUT),
    oursNoCache: (i) => ours(ts, BODY, keys[i & 63]),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const fn of Object.values(cases)) timeIt(Math.min(n, 5000), fn); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of Object.entries(cases)) samples[k].push(timeIt(n, fn));
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const target = { on: 'ratio', op: '<=', value: 1 / 6, text: '>= 6x faster' };
  return {
    rows: [
      {
        part: 'sign',
        label: 'TC3 sign, same body bytes',
        unit: 'µs/op',
        ours: m.oursBytes,
        ref: m.officialBytes,
        better: 'lower',
        target,
      },
      {
        part: 'sign',
        label: 'TC3 sign incl. JSON body (official: sign3 with the request object)',
        unit: 'µs/op',
        ours: m.oursSerialize,
        ref: m.officialObject,
        better: 'lower',
      },
      {
        part: 'sign',
        label: 'TC3 sign, derived-key cache defeated (64 keys)',
        unit: 'µs/op',
        ours: m.oursNoCache,
        ref: m.officialBytes,
        better: 'lower',
      },
    ],
    notes: [`sign: ${rounds} rounds of ${n} ops each, median round`],
  };
}

await runPart(import.meta.url, run);
