// Starts lib/envelope-server.mjs in a child process and resolves with its port.
import { fork } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './common.mjs';

export function startEnvelopeServer() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(BENCH_DIR, 'lib/envelope-server.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`envelope server exited (${code})`)));
    child.once('message', (m) => {
      child.removeAllListeners('exit');
      resolve({
        port: m.port,
        pid: child.pid,
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}
