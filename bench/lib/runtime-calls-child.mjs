// Runs inside Node, Bun or Deno (started by runtimes.mjs): CvmClient from the built @scope/cvm,
// imported as a user would, vs a raw fetch POST loop in the same runtime, against the envelope
// server. Args: <port> <rounds> <sequential count> <parallel count> <max ms per round>.
// Prints one line: the mark and a JSON object of the rates of every round.
import { RUNTIME_NAME, RUNTIME_TRANSPORT } from '@scope/core';
import { CvmClient } from '@scope/cvm';

const MARK = '@@runtime-calls ';
const argv = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [port, rounds, seqCount, parCount, maxMs] = argv.map(Number);
const url = `http://127.0.0.1:${port}/`;
const INPUT = { InstanceIds: ['ins-12345678'], Limit: 1 };

const client = new CvmClient({
  endpoint: `http://127.0.0.1:${port}`,
  region: 'ap-guangzhou',
  credentials: {
    secretId: 'AKIDbenchbenchbenchbench',
    secretKey: 'benchbenchbenchbenchbenchbench00',
  },
});

// The ceiling: post the JSON body, parse the JSON answer; no signing, no envelope checks.
const headers = { 'Content-Type': 'application/json; charset=utf-8' };
const rawCall = async () => {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(INPUT) });
  return (await res.json()).Response;
};
const callers = { ours: () => client.describeInstances(INPUT), raw: rawCall };
const modes = {
  sequential: { inFlight: 1, count: seqCount },
  parallel: { inFlight: 64, count: parCount },
};

async function measure(call, { inFlight, count }) {
  let started = 0;
  let done = 0;
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
  return done / ((performance.now() - t0) / 1000);
}

const rates = {};
for (const [name, call] of Object.entries(callers)) {
  for (const [mode, o] of Object.entries(modes)) {
    await measure(call, { ...o, count: Math.min(o.count, 1000) }); // warm-up
    rates[`${name}.${mode}`] = [];
  }
}
// Rounds interleave the two callers so drift (other load on the machine) hits both alike.
for (let r = 0; r < rounds; r++) {
  for (const [mode, o] of Object.entries(modes)) {
    for (const [name, call] of Object.entries(callers)) {
      rates[`${name}.${mode}`].push(await measure(call, o));
    }
  }
}
console.log(
  `${MARK}${JSON.stringify({ runtime: RUNTIME_NAME, transport: RUNTIME_TRANSPORT, rates })}`,
);
// Keep-alive sockets would hold the process open.
if (globalThis.Deno) globalThis.Deno.exit(0);
else process.exit(0);
