/**
 * Type-checks README programs with tsc against the built workspace packages, and runs the
 * runnable ones. Programs are written under a folder of this package, so `@scope/...` imports
 * resolve through its node_modules and each package's `exports` and `.d.ts` files, as in a
 * user's project.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transform } from 'esbuild';
import type { Program } from './readmes.js';
import { readmeLine } from './readmes.js';
import { type RunResult, run } from './run.js';
import { PKG_DIR } from './workspace.js';

/** Compiler options of the check: strict, as the repository's own code is compiled. */
export const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  isolatedModules: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

export interface WrittenProgram {
  program: Program;
  /** The .ts file, absolute. */
  path: string;
  /** Run under vitest (the program imports it) rather than node. */
  vitest: boolean;
}

/** `README.md:12`, how test names and messages refer to a program. */
export const where = (p: Program) => `${p.file}:${p.line}`;

const usesVitest = (code: string) => /from\s+['"]vitest['"]/.test(code);

/** Writes each program as a module under `dir` (emptied first), plus a tsconfig. */
export function writePrograms(programs: readonly Program[], dir: string): WrittenProgram[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['**/*.ts'] }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    "export default { test: { include: ['**/*.test.ts'] } };\n",
  );
  return programs.map((program) => {
    const vitest = usesVitest(program.code);
    const slug = program.file.replace(/\.md$/i, '').replace(/[^\w.-]+/g, '_');
    const path = join(dir, slug, `L${program.line}${vitest ? '.test' : ''}.ts`);
    mkdirSync(dirname(path), { recursive: true });
    // `export {}` keeps a block without imports a module (top-level await, own scope).
    writeFileSync(path, `${program.code}\nexport {};\n`);
    return { program, path, vitest };
  });
}

/**
 * Runs tsc once over every program in `dir`; returns the diagnostics of each program, each
 * as `<README>:<line>: error TSxxxx: message`.
 */
export async function typecheck(
  written: readonly WrittenProgram[],
  dir: string,
): Promise<Map<WrittenProgram, string[]>> {
  const tsc = join(PKG_DIR, 'node_modules/typescript/bin/tsc');
  const r = await run(
    process.execPath,
    [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
    {
      cwd: dir,
      timeoutMs: 180_000,
    },
  );
  if (r.timedOut) throw new Error('tsc timed out');
  const byFile = new Map(written.map((w) => [relative(dir, w.path), w]));
  const out = new Map<WrittenProgram, string[]>(written.map((w) => [w, []]));
  let last: string[] | undefined;
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/.exec(line);
    if (m) {
      const w = byFile.get(m[1] ?? '');
      if (!w) throw new Error(`tsc reported a file that is no README program: ${line}`);
      const at = readmeLine(w.program, Number(m[2]));
      last = out.get(w);
      last?.push(`${w.program.file}:${at}:${m[3]}: ${m[4]} ${m[5]}: ${m[6]}`);
    } else if (line.startsWith(' ') && last && last.length > 0) {
      last[last.length - 1] += `\n${line}`;
    } else if (line.trim()) {
      throw new Error(`unexpected tsc output:\n${r.stdout}${r.stderr}`);
    }
  }
  if (r.code !== 0 && [...out.values()].every((d) => d.length === 0))
    throw new Error(`tsc failed without diagnostics:\n${r.stdout}${r.stderr}`);
  return out;
}

/**
 * Runs one program: transpiled to JavaScript and run with node, or under vitest when it is a
 * test file. `cwd` is where relative paths in the example resolve (the workspace root).
 */
export async function runProgram(
  w: WrittenProgram,
  dir: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  if (w.vitest) {
    const vitest = join(PKG_DIR, 'node_modules/vitest/vitest.mjs');
    const args = [vitest, 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs')];
    return run(process.execPath, [...args, relative(dir, w.path)], { cwd, env, timeoutMs: 60_000 });
  }
  const js = await transform(w.program.code, { loader: 'ts', format: 'esm', target: 'node20' });
  const mjs = w.path.replace(/\.ts$/, '.mjs');
  writeFileSync(mjs, js.code);
  return run(process.execPath, [mjs], { cwd, env, timeoutMs: 60_000 });
}
