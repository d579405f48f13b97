// Run with --expose-gc by memory.mjs: makes `total` calls with one client, and after every
// `every` calls forces GC and samples heapUsed. Reports the samples over IPC.
import { officialCaller, oursCaller } from './clients.mjs';

const [which, port, total, every] = process.argv.slice(2);
const call = which === 'ours' ? await oursCaller(Number(port)) : officialCaller(Number(port));
const inFlight = 16;
const samples = [];
let done = 0;
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
samples.push({ calls: 0, heapUsed: heap() });
while (done < Number(total)) {
  const batch = Math.min(Number(every), Number(total) - done);
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < batch) {
        next++;
        await call();
      }
    }),
  );
  done += batch;
  samples.push({ calls: done, heapUsed: heap() });
}
process.send({ samples, rss: process.memoryUsage().rss });
process.disconnect();
