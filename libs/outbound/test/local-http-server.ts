import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type RouteHandler = (
  request: ReceivedRequest,
  response: ServerResponse<IncomingMessage>,
) => void;

/**
 * A real HTTP server on 127.0.0.1 for the client to talk to. Records every request (body read
 * in full before the handler runs) and every TCP connection, so tests can prove that a refused
 * request never connected.
 */
export class LocalHttpServer {
  readonly received: ReceivedRequest[] = [];
  connections = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(handle: RouteHandler): Promise<LocalHttpServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = new LocalHttpServer(server, (server.address() as AddressInfo).port);
    server.on('connection', () => {
      local.connections += 1;
    });
    server.on('request', (message: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('end', () => {
        const request: ReceivedRequest = {
          method: message.method ?? '',
          path: message.url ?? '',
          headers: message.headers,
          body: Buffer.concat(chunks),
        };
        local.received.push(request);
        handle(request, response);
      });
    });
    return local;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Requests received for one path, query included. */
  requestsTo(path: string): ReceivedRequest[] {
    return this.received.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
