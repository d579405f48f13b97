// Part 3: calls per second against a loopback server returning a fixed envelope (in its own
// process): ours (CvmClient) vs the official client vs a raw node:http keep-alive loop.
import { measureCalls, officialCaller, oursCaller, rawCaller } from './lib/clients.mjs';
import { median, runPart } from './lib/common.mjs';
import { startEnvelopeServer } from './lib/server.mjs';

export async function run({ quick = false } = {}) {
  const server = await startEnvelopeServer();
  try {
    const callers = {
      ours: await oursCaller(server.port),
      official: officialCaller(server.port),
      raw: rawCaller(server.port),
    };
    const rounds = quick ? 1 : 7;
    const modes = {
      sequential: { inFlight: 1, count: quick ? 20 : 5000, maxMs: quick ? 2000 : 1500 },
      parallel: { inFlight: 64, count: quick ? 128 : 15_000, maxMs: quick ? 2000 : 1500 },
    };
    const rate = {};
    const cpu = {};
    for (const [name, call] of Object.entries(callers)) {
      for (const [mode, o] of Object.entries(modes)) {
        await measureCalls(call, { ...o, count: Math.min(o.count, 1000) }); // warm-up
        rate[`${name}.${mode}`] = [];
        cpu[`${name}.${mode}`] = [];
      }
    }
    // Rounds interleave the callers so drift (thermal, other load) hits all of them alike.
    for (let r = 0; r < rounds; r++) {
      for (const [mode, o] of Object.entries(modes)) {
        for (const [name, call] of Object.entries(callers)) {
          const x = await measureCalls(call, o);
          rate[`${name}.${mode}`].push(x.rate);
          cpu[`${name}.${mode}`].push(x.cpuUs);
        }
      }
    }
    const med = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));
    const r = med(rate);
    const c = med(cpu);
    const row = (label, mode, ref, target, perCpu = false) => ({
      part: 'calls',
      label,
      unit: perCpu ? 'µs CPU/call' : 'calls/s',
      ours: (perCpu ? c : r)[`ours.${mode}`],
      ref: (perCpu ? c : r)[`${ref}.${mode}`],
      refName: ref === 'raw' ? 'raw node:http' : undefined,
      better: perCpu ? 'lower' : 'higher',
      target,
    });
    return {
      rows: [
        row('sequential, vs official', 'sequential', 'official', {
          on: 'ratio',
          op: '>=',
          value: 2.5,
          text: '>= 2.5x official',
        }),
        row('sequential, vs raw loop (ceiling)', 'sequential', 'raw', {
          on: 'ratio',
          op: '>=',
          value: 0.6,
          text: '>= 60% of raw',
        }),
        row('64 in flight, vs official', 'parallel', 'official'),
        row('64 in flight, vs raw loop (ceiling)', 'parallel', 'raw'),
        row(
          'client CPU per call, sequential, vs official',
          'sequential',
          'official',
          undefined,
          true,
        ),
        row('client CPU per call, sequential, vs raw loop', 'sequential', 'raw', undefined, true),
      ],
      notes: [
        `calls: the raw loop itself is ${(r['raw.sequential'] / r['official.sequential']).toFixed(2)}x the official client sequentially and ${(r['raw.parallel'] / r['official.parallel']).toFixed(2)}x with 64 in flight: no client can beat the official one by more here`,
        `calls: ${rounds} interleaved rounds per caller and mode, each up to ${modes.sequential.count} sequential / ${modes.parallel.count} parallel calls or ${modes.sequential.maxMs} ms; median round`,
        'calls: the server runs in its own process; the official client gets a keep-alive agent (its best case); ours uses its default shared keep-alive agent',
      ],
    };
  } finally {
    await server.close();
  }
}

await runPart(import.meta.url, run);
