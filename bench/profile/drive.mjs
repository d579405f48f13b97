// Drives DescribeInstances against the bench's envelope server (lib/envelope-server.mjs, its
// own process) with any of the bench's callers, or a CvmClient from another build of core, and
// either measures them interleaved (calls/s, client and server CPU per call, sockets opened,
// event-loop use) or takes a CPU profile of both processes for each caller and mode.
//
//   node profile/drive.mjs [--callers raw,rawtc3,rawsigned,ours,official,NAME=path/to/bundle.mjs]
//     [--modes seq,par] [--in-flight 64] [--count 20000] [--rounds 5]
//     [--profile DIR] [--interval-us 100] [--pin same|split]
//
// A NAME=path caller imports `CvmClient` from that module (a bundle of @scope/cvm with another
// core, see README.md), or calls its `makeCaller(port, input)` (returns () => Promise<Response>)
// when it exports one, to time a piece of the call path on its own. Without --profile: median of --rounds interleaved rounds.
import { fork } from 'node:child_process';
import { createHmac, hash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { INPUT, officialCaller, oursCaller, rawCaller } from '../lib/clients.mjs';
import { median } from '../lib/common.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CREDS = {
  secretId: 'AKIDbenchbenchbenchbench',
  secretKey: 'benchbenchbenchbenchbenchbench00',
};

function flags(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true;
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}

const opt = flags(process.argv.slice(2));
const callerNames = String(opt.callers ?? 'raw,ours').split(',');
const modeNames = String(opt.modes ?? 'seq,par').split(',');
const inFlight = Number(opt['in-flight'] ?? 64);
const count = Number(opt.count ?? 20_000);
const rounds = Number(opt.rounds ?? 5);
const profileDir = typeof opt.profile === 'string' ? path.resolve(opt.profile) : undefined;
const intervalUs = Number(opt['interval-us'] ?? 100);
const MODES = { seq: 1, par: inFlight };

// --- the server, with the profiling hook preloaded ---------------------------------------
function startServer() {
  const child = fork(path.join(HERE, '../lib/envelope-server.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--import', pathToFileURL(path.join(HERE, 'server-hook.mjs')).href],
  });
  let next = 0;
  const waiting = new Map();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m) => {
      if (m && typeof m.port === 'number') {
        resolve({
          port: m.port,
          pid: child.pid,
          ask: (profileCmd, extra = {}) =>
            new Promise((done, fail) => {
              const id = ++next;
              waiting.set(id, (r) => (r.error ? fail(new Error(r.error)) : done(r)));
              child.send({ profileCmd, id, ...extra });
            }),
          close: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.disconnect();
            }),
        });
      } else if (m && m.profileReply !== undefined) {
        waiting.get(m.profileReply)?.(m);
        waiting.delete(m.profileReply);
      }
    });
  });
}

// --- callers -------------------------------------------------------------------------------
/**
 * The raw loop sending the header set a TC3 call sends (same names, values of the same length,
 * a fixed Authorization): what the protocol itself costs both processes, without the SDK.
 */
function rawTc3Caller(port, signed = false) {
  const sign = signed ? tc3Floor(CREDS.secretKey, 'cvm') : undefined;
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const body = Buffer.from(JSON.stringify(INPUT));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    Host: `127.0.0.1:${port}`,
    'X-TC-Action': 'DescribeInstances',
    'X-TC-Version': '2017-03-12',
    'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
    'X-TC-Language': 'en-US',
    'User-Agent': '@scope/cvm/0.1.0 @scope/core/0.1.0 node/20.20.2',
    'X-TC-RequestClient': '@scope/cvm/0.1.0 @scope/core/0.1.0',
    'Content-Length': String(body.length),
    'X-TC-Region': 'ap-guangzhou',
    Authorization: `TC3-HMAC-SHA256 Credential=${CREDS.secretId}/2026-12-01/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${'0'.repeat(64)}`,
  };
  return () =>
    new Promise((resolve, reject) => {
      if (sign) {
        const ts = Math.floor(Date.now() / 1000);
        headers['X-TC-Timestamp'] = String(ts);
        headers.Authorization = sign(headers.Host, body, ts);
      }
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/', headers, agent },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()).Response));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * rawtc3 plus a real TC3 signature per call with the least work Node allows: the body hash and
 * the canonical request hash (two one-shot crypto.hash calls) and the final HMAC from two more
 * over pads prepared once (the derived key is fixed). The floor for any TC3 client here.
 */
const rawSignedCaller = (port) => rawTc3Caller(port, true);

function tc3Floor(secretKey, service) {
  const date = new Date().toISOString().slice(0, 10);
  const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  const key = createHmac('sha256', kService).update('tc3_request').digest();
  const ipad = Buffer.alloc(64, 0x36);
  const opad = Buffer.alloc(64 + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  const scope = `${date}/${service}/tc3_request`;
  return (host, body, timestamp) => {
    const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:${host}\n\ncontent-type;host\n${hash('sha256', body, 'hex')}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${hash('sha256', canonical, 'hex')}`;
    opad.latin1Write(hash('sha256', Buffer.concat([ipad, Buffer.from(toSign)]), 'binary'), 64);
    return `TC3-HMAC-SHA256 Credential=${CREDS.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${hash('sha256', opad, 'hex')}`;
  };
}

async function makeCaller(spec, port) {
  if (spec === 'rawsigned') return rawSignedCaller(port);
  if (spec === 'raw') return rawCaller(port);
  if (spec === 'rawtc3') return rawTc3Caller(port);
  if (spec === 'ours') return oursCaller(port);
  if (spec === 'official') return officialCaller(port);
  const eq = spec.indexOf('=');
  if (eq < 0)
    throw new Error(`unknown caller ${spec} (raw, rawtc3, rawsigned, ours, official or NAME=path)`);
  const mod = await import(pathToFileURL(path.resolve(spec.slice(eq + 1))).href);
  if (typeof mod.makeCaller === 'function') return mod.makeCaller(port, INPUT);
  const client = new mod.CvmClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'ap-guangzhou',
    credentials: CREDS,
  });
  return () => client.describeInstances(INPUT);
}
const nameOf = (spec) => (spec.includes('=') ? spec.slice(0, spec.indexOf('=')) : spec);

let clientSockets = 0;
diagnostics.subscribe('net.client.socket', () => {
  clientSockets++;
});

/** `count` calls with `lanes` in flight; no time limit (the profile needs a fixed count). */
async function runCalls(call, n, lanes) {
  let started = 0;
  let done = 0;
  async function lane() {
    while (started < n) {
      started++;
      const res = await call();
      if (res.RequestId === undefined) throw new Error('no RequestId in the answer');
      done++;
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane));
  return done;
}

async function measure(call, server, lanes) {
  const s0 = await server.ask('stats');
  const sock0 = clientSockets;
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await runCalls(call, count, lanes);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const s1 = await server.ask('stats');
  const serverCpu = s1.cpu.user + s1.cpu.system - (s0.cpu.user + s0.cpu.system);
  return {
    rate: done / (ms / 1000),
    cpuUs: (cpu.user + cpu.system) / done,
    sysUs: cpu.system / done,
    serverCpuUs: serverCpu / done,
    serverSysUs: (s1.cpu.system - s0.cpu.system) / done,
    elu: elu.utilization,
    clientSockets: clientSockets - sock0,
    serverSockets: s1.sockets - s0.sockets,
  };
}

// --- client profiler (in process, so warm-up stays out of the profile) --------------------
const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
  );

async function profileOne(name, mode, call, server, lanes) {
  const base = path.join(profileDir, `${name}-${mode}`);
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await server.ask('start', { intervalUs });
  await post('Profiler.start');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await runCalls(call, count, lanes);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { profile } = await post('Profiler.stop');
  await server.ask('stop', { file: `${base}.server.cpuprofile` });
  writeFileSync(`${base}.client.cpuprofile`, JSON.stringify(profile));
  const facts = {
    caller: name,
    mode,
    inFlight: lanes,
    calls: done,
    wallMs: ms,
    rate: done / (ms / 1000),
    cpuUs: (cpu.user + cpu.system) / done,
  };
  writeFileSync(`${base}.json`, `${JSON.stringify(facts, null, 2)}\n`);
  return facts;
}

// --- main ----------------------------------------------------------------------------------
const server = await startServer();
// --pin same: client and server on CPU 0 (a sequential round trip then costs the two
// processes' CPU time, not the scheduler's cross-core wake-ups); --pin split: client on CPU 0,
// server on CPU 1. Needs taskset (util-linux).
if (opt.pin === 'same' || opt.pin === 'split') {
  const { execFileSync } = await import('node:child_process');
  execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const serverCpu = opt.pin === 'same' ? '0' : '1';
  execFileSync('taskset', ['-p', '-c', serverCpu, String(server.pid)], { stdio: 'ignore' });
}
try {
  const callers = [];
  for (const spec of callerNames)
    callers.push({ name: nameOf(spec), call: await makeCaller(spec, server.port) });
  const opened = {}; // sockets each caller opened over the whole run, warm-up included
  for (const c of callers)
    for (const m of modeNames) {
      const before = clientSockets;
      await runCalls(c.call, Math.min(count, 3000), MODES[m]); // warm-up
      opened[c.name] = (opened[c.name] ?? 0) + clientSockets - before;
    }
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    for (const m of modeNames)
      for (const c of callers) {
        const f = await profileOne(c.name, m, c.call, server, MODES[m]);
        console.log(
          `${c.name} ${m}: ${f.calls} calls, ${Math.round(f.rate)} calls/s (profiled), ${f.cpuUs.toFixed(1)} µs CPU/call -> ${path.join(profileDir, `${c.name}-${m}`)}.{client,server}.cpuprofile`,
        );
      }
  } else {
    const results = {};
    for (let r = 0; r < rounds; r++)
      for (const m of modeNames)
        for (const c of callers) {
          const x = await measure(c.call, server, MODES[m]);
          opened[c.name] += x.clientSockets;
          for (const [k, v] of Object.entries(x)) {
            const key = `${c.name}|${m}|${k}`;
            if (!results[key]) results[key] = [];
            results[key].push(v);
          }
        }
    const get = (n, m, k) => median(results[`${n}|${m}|${k}`]);
    const rows = [];
    for (const m of modeNames) {
      const rawRate = callerNames.includes('raw') ? get('raw', m, 'rate') : undefined;
      const rawCpu = callerNames.includes('raw') ? get('raw', m, 'cpuUs') : undefined;
      for (const c of callers) {
        const rate = get(c.name, m, 'rate');
        const cpu = get(c.name, m, 'cpuUs');
        rows.push({
          mode: m === 'seq' ? 'sequential' : `${MODES[m]} in flight`,
          caller: c.name,
          'calls/s': Math.round(rate),
          'vs raw': rawRate ? `${((100 * rate) / rawRate).toFixed(0)} %` : '',
          'client µs CPU/call': cpu.toFixed(1),
          'CPU vs raw': rawCpu ? `${(cpu / rawCpu).toFixed(2)}x` : '',
          'of it sys': get(c.name, m, 'sysUs').toFixed(1),
          'server µs CPU/call': get(c.name, m, 'serverCpuUs').toFixed(1),
          'of it sys ': get(c.name, m, 'serverSysUs').toFixed(1),
          'client ELU': get(c.name, m, 'elu').toFixed(2),
          'sockets (client/server)': `${get(c.name, m, 'clientSockets')}/${get(c.name, m, 'serverSockets')}`,
        });
      }
    }
    console.table(rows);
    console.log('sockets opened per caller over the whole run (warm-up included):', opened);
    if (opt.json)
      writeFileSync(String(opt.json), `${JSON.stringify({ rows, results }, null, 2)}\n`);
  }
} finally {
  await server.close();
  session.disconnect();
}
