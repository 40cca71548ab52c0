import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** What the official library said: `verified`, or why it refused. */
  readonly verification: string;
}

export type Route = (delivery: ReceivedDelivery, response: ServerResponse<IncomingMessage>) => void;

/**
 * A webhook receiver on 127.0.0.1 that does what the SPEC asks of real ones: verifies every
 * request with the `standardwebhooks` library and answers 401 when that fails. Requests that
 * verify go to the route. Every delivery and TCP connection is recorded, so a test can prove a
 * request was refused before it connected.
 */
export class VerifyingReceiver {
  readonly received: ReceivedDelivery[] = [];
  connections = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(secret: string, route: Route): Promise<VerifyingReceiver> {
    const webhook = new Webhook(secret);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new VerifyingReceiver(server, (server.address() as AddressInfo).port);
    server.on('connection', () => {
      receiver.connections += 1;
    });
    server.on('request', (message: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery: ReceivedDelivery = {
          path: message.url ?? '',
          headers: message.headers,
          body,
          verification: verify(webhook, body, message.headers),
        };
        receiver.received.push(delivery);
        if (delivery.verification === 'verified') route(delivery, response);
        else response.writeHead(401).end(delivery.verification);
      });
    });
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  requestsTo(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}

function verify(webhook: Webhook, body: string, headers: IncomingHttpHeaders): string {
  const webhookHeaders: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = headers[name];
    if (typeof value === 'string') webhookHeaders[name] = value;
  }
  try {
    webhook.verify(body, webhookHeaders);
    return 'verified';
  } catch (error) {
    return (error as Error).message;
  }
}
