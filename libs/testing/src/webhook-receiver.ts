import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: string;
  readonly body: string;
  /** The `webhook-signature` header as sent. */
  readonly signature: string;
  /** Whether `standardwebhooks` verified it with the subscription's secret. */
  readonly verified: boolean;
  readonly receivedAt: number;
}

/** Answers each request: a status, or `hang` to never answer. */
export type ReceiverBehaviour = (request: number) => number | 'hang';

/**
 * A subscriber's endpoint on loopback: records every request and verifies it with the
 * official Standard Webhooks library, as a real integration would.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  secret: string | undefined;
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly behaviour: ReceiverBehaviour) {
    this.server = createServer((request, response) => void this.answer(request, response));
  }

  static async start(behaviour: ReceiverBehaviour = () => 204): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(behaviour);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      'webhook-id': String(request.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
    };
    let verified = false;
    try {
      if (this.secret) {
        new Webhook(this.secret).verify(body, headers);
        verified = true;
      }
    } catch {
      verified = false;
    }
    const outcome = this.behaviour(this.received.length);
    this.received.push({
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      body,
      signature: headers['webhook-signature'],
      verified,
      receivedAt: Date.now(),
    });
    if (outcome === 'hang') {
      this.hanging.add(response);
      return;
    }
    response.writeHead(outcome, { 'content-type': 'text/plain' }).end(`answered ${outcome}`);
  }
}
