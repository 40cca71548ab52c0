import type { Server } from 'node:http';

/**
 * Serves a bench's loopback HTTP server from a child process: tells the parent its port once
 * listening (`{ type: 'listening', port }`), and closes when the parent disconnects. The parent
 * stops it once it has cleaned up, so a Ctrl-C, which reaches both processes, is ignored here.
 */
export function serveFromChildProcess(server: Server): void {
  process.on('SIGINT', () => undefined);
  process.once('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({
      type: 'listening',
      port: typeof address === 'object' && address ? address.port : 0,
    });
  });
}
