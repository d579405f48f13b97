import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPSTREAM_DIR } from '../src/config.js';
import { importSpecs, SpecImportError } from '../src/spec/import.js';
import {
  hasCorpus,
  NEEDS_CORPUS,
  SPECS_DIR,
  specServices,
  upstreamLayoutFromSpecs,
} from './corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// Tencent's files (with their prose): only where ../shared/upstream-specs exists.
const tccliDir = path.join(UPSTREAM_DIR, 'tccli');
const errorsDir = path.join(UPSTREAM_DIR, 'errors');

// biome-ignore lint/suspicious/noExplicitAny: tests walk untyped spec JSON
type Json = Record<string, any>;
const readJson = async (file: string): Promise<Json> => JSON.parse(await readFile(file, 'utf8'));

/** Every key used anywhere in a JSON value. */
function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      allKeys(v, into);
    }
  }
  return into;
}

const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const FACTS = ['required', 'output_required', 'value_allowed_null', 'disabled', 'type', 'member'];

describe.skipIf(!hasCorpus)(`importSpecs on the real cvm spec ${NEEDS_CORPUS}`, () => {
  let out: string;
  let written: string[];
  let api: Json;
  let errors: Json;
  let upApi: Json;
  let upErrors: Json;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'specs-import-'));
    ({ written } = await importSpecs({ tccliDir, errorsDir, services: ['cvm'], outDir: out }));
    api = await readJson(path.join(out, 'cvm/v20170312/api.json'));
    errors = await readJson(path.join(out, 'cvm/v20170312/errors.json'));
    upApi = await readJson(path.join(tccliDir, 'cvm/v20170312/api.json'));
    upErrors = await readJson(path.join(errorsDir, 'cvm-2017-03-12.json'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('writes api.json and errors.json per version', () => {
    expect(written.map((f) => path.relative(out, f)).sort()).toEqual([
      'cvm/v20170312/api.json',
      'cvm/v20170312/errors.json',
    ]);
  });

  it('drops every description, title and example', async () => {
    const keys = new Set([...allKeys(api), ...allKeys(errors)]);
    for (const prose of ['document', 'example', 'description', 'title', 'api_brief'])
      expect(keys.has(prose)).toBe(false);
    expect(keys.has('serviceNameCN')).toBe(false);
    for (const file of written) expect(CJK.test(await readFile(file, 'utf8'))).toBe(false);
    expect(api.metadata).toEqual({ apiVersion: '2017-03-12', serviceShortName: 'cvm' });
  });

  it('keeps every action, object and member with its facts', () => {
    expect(Object.keys(api.actions)).toEqual(Object.keys(upApi.actions));
    expect(Object.keys(api.actions)).toHaveLength(106);
    for (const [name, a] of Object.entries<Json>(upApi.actions)) {
      expect(api.actions[name]).toEqual({ input: a.input, output: a.output, status: a.status });
    }
    expect(Object.keys(api.objects)).toEqual(Object.keys(upApi.objects));
    let members = 0;
    for (const [name, o] of Object.entries<Json>(upApi.objects)) {
      const mine = api.objects[name];
      expect(mine.type).toBe(o.type);
      expect(mine.usage).toBe(o.usage);
      expect(mine.members.map((m: Json) => m.name)).toEqual(o.members.map((m: Json) => m.name));
      o.members.forEach((m: Json, i: number) => {
        for (const fact of FACTS) expect(mine.members[i][fact], `${name}.${m.name}`).toBe(m[fact]);
        members++;
      });
    }
    expect(members).toBeGreaterThan(1000);
  });

  it('keeps error codes, per-action codes and flags exactly', () => {
    expect(errors.errors).toEqual(upErrors.errors.map((e: Json) => ({ code: e.code })));
    expect(errors.actionErrors).toEqual(upErrors.actionErrors);
    expect(errors.actionFlags).toEqual(upErrors.actionFlags ?? {});
  });

  it('is deterministic and leaves unchanged files alone', async () => {
    const file = path.join(out, 'cvm/v20170312/api.json');
    const before = await readFile(file, 'utf8');
    const mtime = (await stat(file)).mtimeMs;
    const again = await importSpecs({ tccliDir, errorsDir, services: ['cvm'], outDir: out });
    expect(again.written).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await stat(file)).mtimeMs).toBe(mtime);
    expect(before.endsWith('}\n')).toBe(true);
    expect(before.split('\n')[1]).toBe('  "actions": {');
  });
});

// The committed facts laid out as Tencent publishes them: the importer's reading of folders,
// names and flags needs no upstream prose.
describe('importSpecs flags and naming (specs/ in the upstream layout)', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'specs-import-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('keeps skipSign (sts) and sse (hunyuan), and finds `as` errors for autoscaling', async () => {
    const services = ['sts', 'hunyuan', 'autoscaling'];
    const layout = upstreamLayoutFromSpecs(services);
    await importSpecs({
      tccliDir: layout.apiDir,
      errorsDir: layout.errorsDir,
      services,
      outDir: out,
    });
    const sts = await readJson(path.join(out, 'sts/v20180813/errors.json'));
    expect(sts.actionFlags.AssumeRoleWithWebIdentity).toEqual({ skipSign: true });
    expect(sts.actionFlags.AssumeRoleWithSAML).toEqual({ skipSign: true });
    const hunyuan = await readJson(path.join(out, 'hunyuan/v20230901/errors.json'));
    expect(hunyuan.actionFlags.ChatCompletions).toEqual({ sse: true });
    const as = await readJson(path.join(out, 'autoscaling/v20180419/api.json'));
    expect(as.metadata.serviceShortName).toBe('as');
  });

  it('gives back every committed spec byte for byte (facts in, the same facts out)', async () => {
    const services = specServices();
    expect(services).toHaveLength(258);
    const layout = upstreamLayoutFromSpecs(services);
    const fresh = path.join(out, 'all');
    const { written } = await importSpecs({
      tccliDir: layout.apiDir,
      errorsDir: layout.errorsDir,
      services,
      outDir: fresh,
    });
    expect(written).toHaveLength(2 * 296);
    for (const file of written) {
      const rel = path.relative(fresh, file);
      expect(await readFile(file, 'utf8'), rel).toBe(
        await readFile(path.join(SPECS_DIR, rel), 'utf8'),
      );
    }
  });
});

describe('importSpecs input validation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'specs-bad-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  let layout: ReturnType<typeof upstreamLayoutFromSpecs>;
  beforeAll(() => {
    layout = upstreamLayoutFromSpecs(['cvm']);
  });
  const run = (services: string[], tccli = layout.apiDir, errs = layout.errorsDir) =>
    importSpecs({ tccliDir: tccli, errorsDir: errs, services, outDir: path.join(dir, 'out') });

  it('names a missing folder or service', async () => {
    await expect(run(['cvm'], path.join(dir, 'nope'))).rejects.toThrow(/nope: folder not found/);
    await expect(run(['no-such-service'])).rejects.toThrow(/no-such-service: no such service/);
    await expect(run([])).rejects.toBeInstanceOf(SpecImportError);
  });

  it('names the file with invalid JSON and reports every problem at once', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'tccli/foo/v20200101'), { recursive: true });
    await mkdir(path.join(dir, 'tccli/bar/v20200101'), { recursive: true });
    await writeFile(path.join(dir, 'tccli/foo/v20200101/api.json'), '{"actions": ');
    await writeFile(
      path.join(dir, 'tccli/bar/v20200101/api.json'),
      JSON.stringify({ actions: {}, objects: {}, metadata: { apiVersion: '2020-01-01' } }),
    );
    const err = await run(['foo', 'bar'], path.join(dir, 'tccli'), path.join(dir, 'tccli')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SpecImportError);
    const problems = (err as SpecImportError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/foo[/\\]v20200101[/\\]api\.json: invalid JSON/);
    expect(problems[1]).toMatch(/bar-2020-01-01\.json: file not found/);
    await expect(stat(path.join(dir, 'out'))).rejects.toThrow();
  });
});

describe('committed specs/', () => {
  const specsDir = path.join(repoRoot, 'specs');
  const committed = [
    'cvm/v20170312',
    'vpc/v20170312',
    'cbs/v20170312',
    'clb/v20180317',
    'tag/v20180813',
    'cam/v20190116',
    'sts/v20180813',
    'sms/v20190711',
    'sms/v20210111',
    'hunyuan/v20230901',
  ];

  it.skipIf(!hasCorpus)(
    `are exactly what specs:import makes from the upstream corpus, all 258 services ${NEEDS_CORPUS}`,
    async () => {
      const out = await mkdtemp(path.join(tmpdir(), 'specs-fresh-'));
      try {
        const services = specServices();
        await importSpecs({ tccliDir, errorsDir, services, outDir: out, log: () => {} });
        let files = 0;
        for (const svc of services) {
          for (const ver of await readdir(path.join(specsDir, svc))) {
            for (const f of ['api.json', 'errors.json']) {
              const rel = path.join(svc, ver, f);
              const fresh = await readFile(path.join(out, rel), 'utf8');
              expect(await readFile(path.join(specsDir, rel), 'utf8'), rel).toBe(fresh);
              files++;
            }
          }
        }
        expect(files).toBe(2 * 296);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
  );

  it('have a docs.json overlay whose keys all exist in the spec', async () => {
    for (const c of committed) {
      const api = await readJson(path.join(specsDir, c, 'api.json'));
      const errors = await readJson(path.join(specsDir, c, 'errors.json'));
      const text = await readFile(path.join(specsDir, c, 'docs.json'), 'utf8');
      expect(CJK.test(text), c).toBe(false);
      const docs = JSON.parse(text);
      expect(typeof docs.service, c).toBe('string');
      for (const a of Object.keys(docs.actions ?? {})) expect(api.actions, c).toHaveProperty([a]);
      for (const o of Object.keys(docs.objects ?? {})) expect(api.objects, c).toHaveProperty([o]);
      for (const key of Object.keys(docs.members ?? {})) {
        const [o, m] = key.split('.');
        const names = api.objects[o!]?.members.map((x: Json) => x.name) ?? [];
        expect(names, `${c} ${key}`).toContain(m);
      }
      const codes = new Set(errors.errors.map((e: Json) => e.code));
      for (const code of Object.keys(docs.errors ?? {})) expect(codes.has(code), code).toBe(true);
      for (const line of Object.values<string>({ ...docs.actions, ...docs.errors }))
        expect(line, c).not.toContain('\n');
    }
  });

  it('describe every cvm action in our own words', async () => {
    const api = await readJson(path.join(specsDir, 'cvm/v20170312/api.json'));
    const docs = await readJson(path.join(specsDir, 'cvm/v20170312/docs.json'));
    expect(Object.keys(docs.actions).sort()).toEqual(Object.keys(api.actions).sort());
  });
});
