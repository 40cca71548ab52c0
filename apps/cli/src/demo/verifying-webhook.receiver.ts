import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A request to the receiver: verified with the subscription's secret, or refused and why. */
export type ReceivedWebhook =
  | { readonly webhookId: string; readonly verified: true; readonly body: unknown }
  | { readonly webhookId: string; readonly verified: false; readonly reason: string };

/**
 * The demo's subscriber: an endpoint on loopback that verifies every request with the official
 * Standard Webhooks library, as a real integration must, answers 204 to a verified one and 401
 * to any other, and hands each request over: a verified `webhook-id` once (a retry of a delivery already
 * received is acknowledged, not handed over again), every refusal with its reason.
 */
export class VerifyingWebhookReceiver {
  private webhook: Webhook | undefined;
  private readonly seen = new Set<string>();
  private readonly queued: ReceivedWebhook[] = [];
  private readonly waiting: ((received: ReceivedWebhook) => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<VerifyingWebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new VerifyingWebhookReceiver(server);
    server.on('request', (request, response) => void receiver.answer(request, response));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
  }

  /** The subscription's `whsec_` secret, shown once when it was created. */
  trust(secret: string): void {
    this.webhook = new Webhook(secret);
  }

  /**
   * The next request not handed over yet, or undefined after `timeoutMs`. The timer does not
   * keep the process alive: once the servers close, a wait in progress ends with the process.
   */
  next(timeoutMs: number): Promise<ReceivedWebhook | undefined> {
    const queued = this.queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      const take = (received: ReceivedWebhook) => {
        clearTimeout(timer);
        resolve(received);
      };
      this.waiting.push(take);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const payload = Buffer.concat(chunks).toString('utf8');
    const webhookId = String(request.headers['webhook-id'] ?? '');
    const received = this.verify(webhookId, payload, request);
    response.writeHead(received.verified ? 204 : 401).end();
    if (received.verified) {
      if (this.seen.has(webhookId)) return;
      this.seen.add(webhookId);
    }
    const waiter = this.waiting.shift();
    if (waiter === undefined) this.queued.push(received);
    else waiter(received);
  }

  private verify(webhookId: string, payload: string, request: IncomingMessage): ReceivedWebhook {
    if (this.webhook === undefined) {
      return { webhookId, verified: false, reason: 'no subscription secret yet' };
    }
    try {
      this.webhook.verify(payload, {
        'webhook-id': webhookId,
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      });
      return { webhookId, verified: true, body: JSON.parse(payload) as unknown };
    } catch (error) {
      return { webhookId, verified: false, reason: (error as Error).message };
    }
  }
}
