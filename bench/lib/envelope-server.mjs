// A loopback HTTP server answering every request with one fixed success envelope.
// Runs in its own process (forked by lib/server.mjs) so it does not share the client's core.
import http from 'node:http';

const BODY = Buffer.from(
  JSON.stringify({
    Response: { TotalCount: 0, InstanceSet: [], RequestId: 'c0ffee00-0000-4000-8000-000000000000' },
  }),
);
const HEADERS = { 'Content-Type': 'application/json', 'Content-Length': String(BODY.length) };

const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  // Drain the request body before answering, as a real server would.
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
});
server.maxRequestsPerSocket = 0;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
