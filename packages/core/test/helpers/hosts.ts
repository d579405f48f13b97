/**
 * Stand-ins for the API's domains without DNS or external traffic: an https.Agent whose
 * connections go to local plain-HTTP servers by host name. `'dns'` fails the lookup
 * (ENOTFOUND), `'refused'` connects to a closed local port (ECONNREFUSED). Every connection
 * attempt is counted per host.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export type Route = number | 'dns' | 'refused';

export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function hostsAgent(routes: Record<string, Route>, { syncLookup = false } = {}) {
  const refusedPort = await closedPort();
  const connections: Record<string, number> = {};
  class HostsAgent extends https.Agent {
    override createConnection(options: { host?: string; servername?: string }): net.Socket {
      const host = options.servername || options.host || '';
      connections[host] = (connections[host] ?? 0) + 1;
      const route = routes[host] ?? 'dns';
      const socket =
        route === 'dns'
          ? net.connect({
              host,
              port: 443,
              lookup: (_h, _o, cb) => {
                const fail = () =>
                  cb(
                    Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
                      code: 'ENOTFOUND',
                    }),
                    '',
                    4,
                  );
                if (syncLookup) fail();
                else setImmediate(fail);
              },
            })
          : net.connect({ host: '127.0.0.1', port: route === 'refused' ? refusedPort : route });
      // Plain TCP stands in for TLS: the transport treats 'secureConnect' as "connected".
      socket.once('connect', () => socket.emit('secureConnect'));
      return socket;
    }
  }
  return { agent: new HostsAgent({ keepAlive: false }), connections, routes };
}
