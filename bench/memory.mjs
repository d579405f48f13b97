// Part 6: is the heap flat over many calls? Each client makes 100,000 calls in a fresh process
// (--expose-gc); heapUsed is sampled after a forced GC every 10,000 calls. Growth is measured
// from the first sample after warm-up (10,000 calls) to the last.
import { fork } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR, runPart } from './lib/common.mjs';
import { startEnvelopeServer } from './lib/server.mjs';

function sampleHeap(which, port, total, every) {
  return new Promise((resolve, reject) => {
    const child = fork(
      path.join(BENCH_DIR, 'lib/memory-child.mjs'),
      [which, String(port), String(total), String(every)],
      { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let result;
    child.on('message', (m) => {
      result = m;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`${which} memory child exited ${code}`)),
    );
  });
}

export async function run({ quick = false } = {}) {
  const total = quick ? 400 : 100_000;
  const every = quick ? 100 : 10_000;
  const server = await startEnvelopeServer();
  try {
    const res = {};
    for (const which of ['ours', 'official'])
      res[which] = await sampleHeap(which, server.port, total, every);
    const growth = (r) => (r.samples.at(-1).heapUsed - r.samples[1].heapUsed) / 1024;
    const series = (r) => r.samples.map((s) => (s.heapUsed / 2 ** 20).toFixed(2)).join(', ');
    return {
      rows: [
        {
          part: 'memory',
          label: `heap growth from call ${every.toLocaleString('en-US')} to ${total.toLocaleString('en-US')} (after GC)`,
          unit: 'KB',
          ours: growth(res.ours),
          ref: growth(res.official),
          better: 'lower',
          noRatio: true,
          target: { on: 'value', op: '<=', value: 1024, text: 'flat (< 1 MB)' },
        },
        {
          part: 'memory',
          label: `heapUsed after ${total.toLocaleString('en-US')} calls (after GC)`,
          unit: 'bytes',
          ours: res.ours.samples.at(-1).heapUsed,
          ref: res.official.samples.at(-1).heapUsed,
          better: 'lower',
        },
      ],
      notes: [
        `memory: heapUsed MB every ${every} calls, ours: ${series(res.ours)}`,
        `memory: heapUsed MB every ${every} calls, official: ${series(res.official)}`,
      ],
    };
  } finally {
    await server.close();
  }
}

await runPart(import.meta.url, run);
