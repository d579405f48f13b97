// Worker thread: generates its share of services and posts each package's files back as soon
// as they are emitted (so the worker does not hold them); the main thread writes them only
// when no worker found a problem.
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkOptions, type ChunkResult, generateChunk } from './generate.js';
import type { SpecLocation } from './spec/load.js';

const { services, opts } = workerData as { services: SpecLocation[][]; opts: ChunkOptions };
const port = parentPort!;
const problems: ChunkResult['problems'] = [];
const warnings: ChunkResult['warnings'] = [];
for (const one of services) {
  const result = await generateChunk([one], opts);
  problems.push(...result.problems);
  warnings.push(...result.warnings);
  port.postMessage({ type: 'service', name: one[0]?.serviceDir ?? '?', packages: result.packages });
}
port.postMessage({ type: 'done', problems, warnings });
