// Part 3: calls per second against a loopback server returning a fixed envelope (in its own
// process): ours (CvmClient) vs the official client vs raw node:http keep-alive loops (plain;
// with the TC3 header set; with the headers and the cheapest correct TC3 signature).
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import {
  measureCalls,
  officialCaller,
  oursCaller,
  rawCaller,
  rawSignedCaller,
  rawTc3Caller,
} from './lib/clients.mjs';
import { median, runPart } from './lib/common.mjs';
import { startEnvelopeServer } from './lib/server.mjs';

/**
 * Sequential mode runs with client and server on one CPU. A sequential round trip costs both
 * processes' CPU plus two wake-ups; across cores each wake-up is an IPI and an exit from an idle
 * state, and the scheduler picks either placement at random per run and per caller (the same raw
 * loop measured 19,700 or 6,390 calls/s). Pinned, the figure is the CPU cost alone. Needs taskset
 * (util-linux); without it the mode runs unpinned and says so in the notes.
 */
function pinner(serverPid) {
  const all = `0-${availableParallelism() - 1}`;
  const set = (cpus) => {
    try {
      execFileSync('taskset', ['-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
      execFileSync('taskset', ['-p', '-c', cpus, String(serverPid)], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return { pin: () => set('0'), unpin: () => set(all) };
}

export async function run({ quick = false } = {}) {
  const server = await startEnvelopeServer();
  const cpus = pinner(server.pid);
  let pinned = true;
  try {
    const callers = {
      ours: await oursCaller(server.port),
      official: officialCaller(server.port),
      raw: rawCaller(server.port),
      rawtc3: rawTc3Caller(server.port),
      rawsigned: rawSignedCaller(server.port),
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
        pinned = (mode === 'sequential' ? cpus.pin() : cpus.unpin()) && pinned;
        await measureCalls(call, { ...o, count: Math.min(o.count, 1000) }); // warm-up
        rate[`${name}.${mode}`] = [];
        cpu[`${name}.${mode}`] = [];
      }
    }
    // Rounds interleave the callers so drift (thermal, other load) hits all of them alike.
    for (let r = 0; r < rounds; r++) {
      for (const [mode, o] of Object.entries(modes)) {
        pinned = (mode === 'sequential' ? cpus.pin() : cpus.unpin()) && pinned;
        for (const [name, call] of Object.entries(callers)) {
          const x = await measureCalls(call, o);
          rate[`${name}.${mode}`].push(x.rate);
          cpu[`${name}.${mode}`].push(x.cpuUs);
        }
      }
    }
    cpus.unpin();
    const med = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));
    const r = med(rate);
    const c = med(cpu);
    const row = (label, mode, ref, target, perCpu = false) => ({
      part: 'calls',
      label,
      unit: perCpu ? 'µs CPU/call' : 'calls/s',
      ours: (perCpu ? c : r)[`ours.${mode}`],
      ref: (perCpu ? c : r)[`${ref}.${mode}`],
      refName:
        ref === 'raw' ? 'raw node:http' : ref === 'rawsigned' ? 'raw + TC3 signed' : undefined,
      better: perCpu ? 'lower' : 'higher',
      target,
    });
    return {
      rows: [
        // No target against the official client: the raw loop caps that ratio (issue 14 states
        // the call-path targets against the raw loop instead).
        row('sequential, vs official', 'sequential', 'official'),
        row('sequential, vs raw loop (ceiling)', 'sequential', 'raw', {
          on: 'ratio',
          op: '>=',
          value: 0.9,
          text: '>= 90% of raw',
        }),
        row(
          'sequential, vs raw + TC3 signature (floor of a signing client)',
          'sequential',
          'rawsigned',
        ),
        row('64 in flight, vs official', 'parallel', 'official'),
        row('64 in flight, vs raw loop (ceiling)', 'parallel', 'raw', {
          on: 'ratio',
          op: '>=',
          value: 0.8,
          text: '>= 80% of raw',
        }),
        row('64 in flight, vs raw + TC3 signature', 'parallel', 'rawsigned'),
        row(
          'client CPU per call, sequential, vs official',
          'sequential',
          'official',
          undefined,
          true,
        ),
        row(
          'client CPU per call, sequential, vs raw loop',
          'sequential',
          'raw',
          { on: 'ratio', op: '<=', value: 1.15, text: '<= 1.15x raw' },
          true,
        ),
        row(
          'client CPU per call, sequential, vs raw + TC3 signature',
          'sequential',
          'rawsigned',
          undefined,
          true,
        ),
        row('client CPU per call, 64 in flight, vs raw loop', 'parallel', 'raw', undefined, true),
      ],
      notes: [
        `calls: the raw loop itself is ${(r['raw.sequential'] / r['official.sequential']).toFixed(2)}x the official client sequentially and ${(r['raw.parallel'] / r['official.parallel']).toFixed(2)}x with 64 in flight: no client can beat the official one by more here`,
        `calls: ${rounds} interleaved rounds per caller and mode, each up to ${modes.sequential.count} sequential / ${modes.parallel.count} parallel calls or ${modes.sequential.maxMs} ms; median round`,
        `calls: reference loops, sequential calls/s and client µs CPU/call: raw ${r['raw.sequential'].toFixed(0)} / ${c['raw.sequential'].toFixed(1)}, rawtc3 (the 11 headers a TC3 call sends) ${r['rawtc3.sequential'].toFixed(0)} / ${c['rawtc3.sequential'].toFixed(1)}, rawsigned (plus the cheapest correct TC3 signature) ${r['rawsigned.sequential'].toFixed(0)} / ${c['rawsigned.sequential'].toFixed(1)}: rawsigned is what signing itself costs, the floor for any TC3 client`,
        pinned
          ? 'calls: sequential mode with client and server pinned to CPU 0 (taskset), so that cross-core wake-ups do not decide the figure; 64 in flight unpinned'
          : 'calls: taskset unavailable: sequential mode ran unpinned (its figure may jump 3x between runs)',
        'calls: the server runs in its own process; the official client gets a keep-alive agent (its best case); ours uses its default shared keep-alive agent',
      ],
    };
  } finally {
    await server.close();
  }
}

await runPart(import.meta.url, run);
