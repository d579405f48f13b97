// Bundles an entry the way a Workers or Vercel edge deployment would: the platform's export
// conditions, no Node polyfills, and no Node built-in module at all. A `node:*` (or bare `fs`,
// `http`, ...) import anywhere in the graph fails the build, naming who imported it: that is
// what tells us core picked its Node implementation for a platform that has none.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RUNTIMES_DIR } from './binaries.mjs';

export const PLATFORMS = {
  // What wrangler resolves for Workers.
  workerd: { conditions: ['workerd', 'worker', 'browser'], format: 'esm' },
  // What Vercel's edge functions resolve; edge-runtime evaluates a script, not a module.
  'edge-light': { conditions: ['edge-light', 'browser'], format: 'iife' },
};

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** @type {import('esbuild').Plugin} */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!args.path.startsWith('node:') && !BUILTINS.has(args.path)) return undefined;
      return {
        errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }],
      };
    });
  },
};

/**
 * @param {keyof typeof PLATFORMS} platform
 * @param {string} entry path relative to runtimes/
 * @returns {Promise<{ code: string, bytes: number, inputs: string[] }>}
 */
export async function bundleFor(platform, entry) {
  const { conditions, format } = PLATFORMS[platform];
  const result = await build({
    absWorkingDir: RUNTIMES_DIR,
    entryPoints: [join(RUNTIMES_DIR, entry)],
    bundle: true,
    write: false,
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions,
    format,
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, bytes: code.length, inputs: Object.keys(result.metafile.inputs) };
}
