#!/usr/bin/env node
// Command line: `generate` (specs -> packages) and `specs:import` (upstream -> facts-only specs).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import {
  DEFAULT_CONFIG_FILE,
  DEFAULT_OUT_DIR,
  DEFAULT_SPECS_DIR,
  readSdkConfig,
} from './config.js';
import { registerReleaseCommands } from './diff/commands.js';
import { formatPaginationSummary } from './emit/pagination/report.js';
import { runGenerate } from './run.js';
import { parseShard } from './shard.js';
import { importSpecsMain } from './spec/import.js';
import { formatProblems, formatWarnings } from './spec/problems.js';

/** pnpm runs scripts inside generator/; relative paths mean the caller's folder. */
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

export function buildProgram(): Command {
  const program = new Command('tc-sdk-gen')
    .description('Tencent Cloud TypeScript SDK generator')
    .exitOverride();
  program
    .command('generate')
    .description('generate packages/<service>/ from specs (all services, or the ones named)')
    .argument('[services...]', 'spec folder names, e.g. cvm autoscaling')
    .option(
      '--specs <dir>',
      'specs folder: <service>/v<YYYYMMDD>/{api,errors,docs}.json',
      DEFAULT_SPECS_DIR,
    )
    .option('--tccli <dir>', "Tencent's tccli services folder (instead of --specs)")
    .option(
      '--errors <dir>',
      'folder of <serviceShortName>-<YYYY-MM-DD>.json error files (with --tccli)',
    )
    .option('--out <dir>', 'where packages are written', DEFAULT_OUT_DIR)
    .option('--config <file>', 'settings file (npm scope, default region)', DEFAULT_CONFIG_FILE)
    .option('--check', 'write nothing; exit 1 listing the files that would change')
    .option('--force', 'regenerate even services whose inputs did not change')
    .option('--shard <i/n>', 'only the services of shard i of n (stable hash of the service name)')
    .addOption(
      new Option('--jobs <n>', 'worker threads (1 = none)').argParser((v) =>
        Number.parseInt(v, 10),
      ),
    )
    .option('--no-progress', 'no progress bar')
    .action(async (services: string[], o) => {
      process.exitCode = await generateCommand(services, o);
    });
  program
    .command('specs:import')
    .description('turn upstream tccli + errors files into facts-only specs under specs/')
    .argument('<args...>', '<upstream tccli dir> <errors dir> <service>...')
    .action(async (args: string[]) => {
      process.exitCode = await importSpecsMain(args);
    });
  registerReleaseCommands(program, fromCaller);
  return program;
}

interface GenerateFlags {
  specs: string;
  tccli?: string;
  errors?: string;
  out: string;
  config: string;
  check?: boolean;
  force?: boolean;
  shard?: string;
  jobs?: number;
  progress: boolean;
}

async function generateCommand(services: string[], o: GenerateFlags): Promise<number> {
  const source = o.tccli
    ? { apiDir: fromCaller(o.tccli), ...(o.errors ? { errorsDir: fromCaller(o.errors) } : {}) }
    : { apiDir: fromCaller(o.specs) };
  const outDir = fromCaller(o.out);
  // packages/ of a pnpm workspace: its hand-written packages follow the scope too.
  const root = path.dirname(outDir);
  const inWorkspace = existsSync(path.join(root, 'pnpm-workspace.yaml'));
  const configFile = fromCaller(o.config);
  const config = readSdkConfig(configFile);
  const result = await runGenerate({
    source,
    outDir,
    config,
    configFile,
    ...(inWorkspace ? { workspaceRoot: root } : {}),
    services,
    ...(o.shard ? { shard: parseShard(o.shard) } : {}),
    check: o.check === true,
    force: o.force === true,
    ...(o.jobs ? { jobs: o.jobs } : {}),
    progress: o.progress && process.stderr.isTTY === true,
  });
  if (result.warnings.length > 0) console.error(formatWarnings(result.warnings));
  if (result.problems.length > 0) {
    console.error(formatProblems(result.problems));
    return 1;
  }
  const count = (s: string) => result.packages.filter((p) => p.status === s).length;
  const secs = (result.ms / 1000).toFixed(1);
  for (const dir of result.orphans) {
    console.error(`warning: packages/${dir} was generated but its spec is gone; remove it by hand`);
  }
  for (const s of result.staleImports) {
    console.error(
      `${o.check ? 'error' : 'warning'}: ${s.file}:${s.line} imports ${s.specifier}, but the scope is ${config.scope}; fix the import by hand`,
    );
  }
  if (o.check) {
    const stale = [...result.outOfDate, ...result.workspace.map((f) => `(workspace) ${f}`)];
    if (stale.length > 0) {
      console.error(
        `generate --check: ${stale.length} file(s) out of date; run \`pnpm generate\` (this command without --check) to rewrite them:`,
      );
      for (const f of stale) console.error(`  ${f}`);
      return 1;
    }
    // generate never deletes a package, so its hint would not help here.
    if (result.orphans.length > 0) {
      console.error(
        `generate --check: ${result.orphans.length} generated package(s) without a spec; remove them by hand`,
      );
      return 1;
    }
    if (result.staleImports.length > 0) {
      console.error(`generate --check: ${result.staleImports.length} import(s) of another scope`);
      return 1;
    }
    console.log(`generate --check: ${result.packages.length} package(s) up to date (${secs} s)`);
    return 0;
  }
  for (const f of result.workspace) console.log(`  ${f}: written`);
  for (const p of result.packages) {
    if (p.status === 'written')
      console.log(`  ${p.dir}: ${p.changed.length} written, ${p.removed.length} removed`);
  }
  if (result.pagination) {
    const written = new Set(
      result.packages.filter((p) => p.status === 'written').map((p) => p.dir),
    );
    console.log(formatPaginationSummary(result.pagination, written));
  }
  console.log(
    `generated ${result.packages.length} package(s): ${count('written')} written, ${count('unchanged')} unchanged, ` +
      `${count('skipped')} skipped (inputs unchanged); ${result.files} files emitted in ${secs} s`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    if (code === undefined) console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = code ?? 1;
  }
}
