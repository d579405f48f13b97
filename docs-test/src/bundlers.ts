/**
 * A user's build of a script that imports service packages, with each bundler configured the
 * way its documentation says to build for Node. Each function returns the warnings the bundler
 * reported and the file to run. The script must live in this package, so that `@scope/...`
 * resolves through node_modules and the packages' `exports`, as in a user's project.
 */
import { dirname, join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

export interface BundleResult {
  warnings: string[];
  /** The entry file of the output; run it with `node`. */
  main: string;
}

/** esbuild for Node, ESM, minified; `splitting` leaves the lazily imported modules in chunks. */
export async function bundleWithEsbuild(
  entry: string,
  outdir: string,
  splitting: boolean,
): Promise<BundleResult> {
  const out = await build({
    entryPoints: { main: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent', // warnings are still reported in the result
  });
  const warnings = out.warnings.map(
    (w) => `[${w.id}] ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}`,
  );
  return { warnings, main: join(outdir, 'main.mjs') };
}

/** Rollup with @rollup/plugin-node-resolve for Node; node:* built-ins are external. */
export async function bundleWithRollup(entry: string, outdir: string): Promise<BundleResult> {
  const warnings: string[] = [];
  const bundle = await rollup({
    input: { main: entry },
    external: [/^node:/],
    plugins: [nodeResolve({ exportConditions: ['node'], preferBuiltins: true })],
    onLog: (level, log) => {
      if (level === 'warn') warnings.push(`[${log.code}] ${log.message}`);
    },
  });
  await bundle.write({ dir: outdir, format: 'es', entryFileNames: '[name].mjs' });
  await bundle.close();
  return { warnings, main: join(outdir, 'main.mjs') };
}

/** webpack in production mode for Node (CommonJS output, lazy chunks loaded with require). */
export function bundleWithWebpack(entry: string, outdir: string): Promise<BundleResult> {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        target: 'node20',
        entry: { main: entry },
        output: { path: outdir, filename: '[name].cjs', chunkFilename: '[name].[id].cjs' },
        infrastructureLogging: { level: 'none' },
      },
      (err, stats) => {
        if (err || !stats) return reject(err ?? new Error('webpack returned no stats'));
        const info = stats.toJson({ all: false, errors: true, warnings: true });
        const errors = (info.errors ?? []).map((e) => e.message);
        if (errors.length > 0) return reject(new Error(`webpack failed:\n${errors.join('\n')}`));
        const warnings = (info.warnings ?? []).map((w) => w.message);
        resolve({ warnings, main: join(outdir, 'main.cjs') });
      },
    );
  });
}

/** Vite 8 (Rolldown) SSR build for Node with every dependency bundled (`ssr.noExternal`). */
export async function bundleWithVite(entry: string, outdir: string): Promise<BundleResult> {
  const warnings: string[] = [];
  const note = (level: string) => (msg: string) => warnings.push(`[vite ${level}] ${msg}`);
  await viteBuild({
    configFile: false,
    root: dirname(entry),
    logLevel: 'warn',
    customLogger: {
      info: () => {},
      warn: note('warn'),
      warnOnce: note('warn'),
      error: note('error'),
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    },
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: entry,
      outDir: outdir,
      emptyOutDir: true,
      rolldownOptions: {
        output: { entryFileNames: 'main.mjs' },
        onwarn: (w) => {
          warnings.push(`[${w.code}] ${w.message}`);
        },
      },
    },
  });
  return { warnings, main: join(outdir, 'main.mjs') };
}
