import { build } from 'esbuild';
import path from 'node:path';
const core = process.env.CORE_SRC ?? path.resolve('../packages/core/src');
const contents = `import { createCvmClient, describeInstances } from '@scope/cvm';
const client = createCvmClient({ region: 'ap-guangzhou' });
describeInstances(client, { Limit: 1 }).then((r) => console.log(r.TotalCount));`;
const plugin = { name: 'src', setup(b) {
  b.onResolve({ filter: /^@scope\/core$/ }, () => ({ path: core + '/index.ts' }));
  b.onResolve({ filter: /^@scope\/core\/credentials$/ }, () => ({ path: core + '/credentials/index.ts' }));
  b.onResolve({ filter: /^#runtime$/ }, () => ({ path: core + '/runtime/node/index.ts' }));
}};
const out = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'js' }, plugins: [plugin], bundle: true, minify: true, splitting: true, outdir: '/tmp/split-out', platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent' });
const outputs = out.metafile.outputs;
const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint === '<stdin>');
const up = new Set();
const visit = (k) => { if (up.has(k)) return; up.add(k); for (const i of outputs[k]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path); };
visit(entry);
const rows = [];
for (const k of up) { if (!outputs[k]) continue; for (const [m, v] of Object.entries(outputs[k].inputs)) rows.push([v.bytesInOutput, m.replace(/.*packages\//, ''), path.basename(k)]); }
rows.sort((a, b) => b[0] - a[0]);
let t = 0; for (const r of rows) { t += r[0]; console.log(String(r[0]).padStart(6), r[1], r[2]); }
console.log('total up front', t, [...up].filter(k=>outputs[k]).map(k=>outputs[k].bytes).reduce((a,b)=>a+b));
for (const [k,o] of Object.entries(outputs)) if (!up.has(k)) console.log('lazy', o.bytes, path.basename(k), Object.keys(o.inputs).map(m=>m.replace(/.*packages\//,'')).join(' '));
