// Worker thread: generates its share of services and posts the files back; the main thread
// writes them only when no worker found a problem.
import { parentPort, workerData } from 'node:worker_threads';
import { type ChunkOptions, generateChunk } from './generate.js';
import type { SpecLocation } from './spec/load.js';

const { services, opts } = workerData as { services: SpecLocation[][]; opts: ChunkOptions };
const result = generateChunk(services, opts, (name) =>
  parentPort!.postMessage({ type: 'progress', name }),
);
parentPort!.postMessage({ type: 'done', result });
