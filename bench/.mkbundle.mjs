import { build } from 'esbuild';
const [out] = process.argv.slice(2);
await build({ stdin: { contents: "export { CvmClient } from '@scope/cvm';", resolveDir: process.cwd(), loader: 'js' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning' });
