// Preloaded (--import) into the unchanged lib/envelope-server.mjs by drive.mjs: answers IPC
// messages to start/stop a CPU profile, report the process's CPU time and count accepted
// sockets, so the server side can be measured without editing the bench's server.
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

let sockets = 0;
diagnostics.subscribe('net.server.socket', () => {
  sockets++;
});

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
  );

process.on('message', async (m) => {
  if (!m || typeof m !== 'object' || typeof m.profileCmd !== 'string') return;
  const reply = (extra) => process.send?.({ profileReply: m.id, ...extra });
  try {
    if (m.profileCmd === 'stats') {
      reply({ cpu: process.cpuUsage(), sockets });
    } else if (m.profileCmd === 'start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: m.intervalUs ?? 100 });
      await post('Profiler.start');
      reply({});
    } else if (m.profileCmd === 'stop') {
      const { profile } = await post('Profiler.stop');
      writeFileSync(m.file, JSON.stringify(profile));
      reply({});
    }
  } catch (error) {
    reply({ error: String(error) });
  }
});
