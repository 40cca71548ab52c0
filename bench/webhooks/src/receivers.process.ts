import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The subscribers' endpoints, in a process of their own so that receiving costs the worker
 * nothing: N HTTP servers on loopback answering 204, each receipt noted with its time.
 * Protocol: the parent sends { count }; this process answers { urls }, then on { report } the
 * receipts so far as [webhook-id, receivedAtMs][].
 */
const servers: Server[] = [];
const receipts: [string, number][] = [];

process.on('message', (message: { count?: number; report?: true; stop?: true }) => {
  if (message.count !== undefined) void start(message.count);
  if (message.report) process.send?.({ receipts: receipts.splice(0) });
  if (message.stop) {
    for (const server of servers) server.close();
    process.exit(0);
  }
});

async function start(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        receipts.push([String(request.headers['webhook-id']), Date.now()]);
        response.writeHead(204).end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  process.send?.({
    urls: servers.map(
      (server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ),
  });
}
