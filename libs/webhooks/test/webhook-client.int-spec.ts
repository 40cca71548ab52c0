import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '@app/testing';
import { DEFAULT_USER_AGENT } from '@app/outbound';
import { type DeliveryOutcome, signedHeaders, WebhookClient } from '../src/index.js';
import { VerifyingReceiver } from './verifying-receiver.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = JSON.stringify({
  type: 'subscription.test',
  timestamp: '2026-03-01T12:00:00Z',
  data: { subscriptionId: 'sub_1' },
});
const ERROR_BODY = 'e'.repeat(5 * 1024);
/** 1 + 511 × 2 bytes, then the first byte of another "é": the cut falls inside a character. */
const SPLIT_BODY = `x${'é'.repeat(1000)}`;
const TOTAL_TIMEOUT_MS = 300;

let receiver: VerifyingReceiver;
/** Loopback receivers are private addresses: this client is configured to reach them. */
const client = new WebhookClient({ allowPrivateNetworks: true });
/** The production default: public addresses only. */
const guarded = new WebhookClient();
const impatient = new WebhookClient({
  allowPrivateNetworks: true,
  totalTimeoutMs: TOTAL_TIMEOUT_MS,
});

beforeAll(async () => {
  receiver = await VerifyingReceiver.start(SECRET, (delivery, response) => {
    const [path = '', query = ''] = delivery.path.split('?');
    const params = new URLSearchParams(query);
    const status = /^\/status\/(\d+)$/.exec(path);
    if (status) {
      const retryAfter = params.get('retry-after');
      const headers = retryAfter === null ? {} : { 'retry-after': retryAfter };
      response.writeHead(Number(status[1]), headers).end(ERROR_BODY);
      return;
    }
    switch (path) {
      case '/ok':
        response.writeHead(Number(params.get('status') ?? 204)).end();
        return;
      case '/large-success':
        response.writeHead(200).end(Buffer.alloc(5 * 1024 * 1024, 'a'));
        return;
      case '/split':
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(SPLIT_BODY);
        return;
      case '/redirect':
        response.writeHead(302, { location: receiver.url('/target') }).end();
        return;
      case '/hang':
        return;
      default:
        response.writeHead(200).end();
    }
  });
});

afterAll(async () => {
  await Promise.all([client.close(), guarded.close(), impatient.close()]);
  await receiver.close();
});

function deliver(
  path: string,
  options: { body?: string; timestamp?: Date; client?: WebhookClient } = {},
): Promise<DeliveryOutcome> {
  const body = options.body ?? BODY;
  return (options.client ?? client).post({
    url: receiver.url(path),
    headers: signedHeaders(SECRET, `msg_${path}`, options.timestamp ?? new Date(), BODY),
    body,
  });
}

describe('WebhookClient', () => {
  describe('signed deliveries', () => {
    it('delivers a request the standardwebhooks library verifies', async () => {
      const outcome = await deliver('/ok?verifies');
      expect(outcome).toEqual({ ok: true, status: 204, latencyMs: expect.any(Number) });
      const [delivery] = receiver.requestsTo('/ok?verifies');
      expect(delivery).toMatchObject({ body: BODY, verification: 'verified' });
      expect(delivery?.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': DEFAULT_USER_AGENT,
        'webhook-id': 'msg_/ok?verifies',
      });
    });

    it('sends a body that fails verification when it is not the body signed', async () => {
      const outcome = await deliver('/ok?tampered', { body: BODY.replace('sub_1', 'sub_2') });
      expect(receiver.requestsTo('/ok?tampered')[0]?.verification).toBe(
        'No matching signature found',
      );
      expect(outcome).toMatchObject({ ok: false, status: 401, error: null });
    });

    it('sends a signature that fails verification when it is ten minutes old', async () => {
      const timestamp = new Date(Date.now() - 10 * 60_000);
      const outcome = await deliver('/ok?old', { timestamp });
      expect(receiver.requestsTo('/ok?old')[0]?.verification).toBe('Message timestamp too old');
      expect(outcome).toMatchObject({ ok: false, status: 401 });
    });
  });

  describe('answers', () => {
    it.each([200, 201, 202, 204])('counts %i as delivered', async (status) => {
      expect(await deliver(`/ok?status=${status}`)).toMatchObject({ ok: true, status });
    });

    it('counts a success with a large body as delivered', async () => {
      expect(await deliver('/large-success')).toMatchObject({ ok: true, status: 200 });
    });

    it('records a 500 with the first KiB of its body', async () => {
      expect(await deliver('/status/500')).toEqual({
        ok: false,
        status: 500,
        error: null,
        latencyMs: expect.any(Number),
        responseExcerpt: ERROR_BODY.slice(0, 1024),
        gone: false,
        retryAfterMs: null,
        permanentFailure: null,
      });
    });

    it('keeps a character the 1 KiB cut splits out of the excerpt instead of mangling it', async () => {
      const outcome = await deliver('/split');
      expect(outcome).toMatchObject({ ok: false, responseExcerpt: SPLIT_BODY.slice(0, 512) });
    });

    it('marks a 410 as gone', async () => {
      expect(await deliver('/status/410')).toMatchObject({ ok: false, status: 410, gone: true });
    });

    it.each([429, 503])('reads Retry-After on a %i', async (status) => {
      expect(await deliver(`/status/${status}?retry-after=120`)).toMatchObject({
        ok: false,
        status,
        gone: false,
        retryAfterMs: 120_000,
      });
    });

    it('ignores Retry-After on other failures', async () => {
      expect(await deliver('/status/500?retry-after=120')).toMatchObject({ retryAfterMs: null });
    });

    it('does not follow a redirect: the 302 is the failure, its target never called', async () => {
      const outcome = await deliver('/redirect');
      expect(outcome).toMatchObject({ ok: false, status: 302, error: 'redirect', gone: false });
      expect(receiver.requestsTo('/redirect')).toHaveLength(1);
      expect(receiver.requestsTo('/target')).toHaveLength(0);
    });
  });

  describe('receivers that do not answer', () => {
    // A client that ignored totalTimeoutMs would wait out undici's 300 s defaults and fail this
    // test by jest's timeout.
    it('gives up on a receiver that never answers at the total timeout', async () => {
      const outcome = await deliver('/hang', { client: impatient });
      expect(outcome).toMatchObject({ ok: false, status: null, error: 'timeout' });
      expect(outcome.latencyMs).toBeGreaterThanOrEqual(TOTAL_TIMEOUT_MS - 5);
      expect(receiver.requestsTo('/hang')).toHaveLength(1);
    }, 5_000);

    it('reports a refused connection', async () => {
      const port = await freePort();
      const outcome = await client.post({
        url: `http://127.0.0.1:${port}/hook`,
        headers: signedHeaders(SECRET, 'msg_refused', new Date(), BODY),
        body: BODY,
      });
      // Nothing listens now; something may later: a retry may succeed.
      expect(outcome).toMatchObject({
        ok: false,
        status: null,
        error: 'connect_refused',
        permanentFailure: null,
      });
    });

    it.each([
      ['not a url', 'invalid_url'],
      ['ftp://127.0.0.1/hook', 'unsupported_protocol'],
    ])('refuses %j as %s, a permanent failure', async (url, error) => {
      expect(await client.post({ url, headers: {}, body: BODY })).toMatchObject({
        ok: false,
        status: null,
        error,
        permanentFailure: error,
      });
    });
  });

  describe('the address guard', () => {
    it.each(['127.0.0.1', 'localhost'])(
      'refuses %s before connecting when private networks are not allowed',
      async (host) => {
        const connections = receiver.connections;
        const outcome = await guarded.post({
          url: `http://${host}:${receiver.port}/ok?guarded`,
          headers: signedHeaders(SECRET, 'msg_guarded', new Date(), BODY),
          body: BODY,
        });
        expect(outcome).toMatchObject({
          ok: false,
          status: null,
          error: 'blocked_address',
          permanentFailure: 'blocked_address',
        });
        expect(receiver.connections).toBe(connections);
        expect(receiver.requestsTo('/ok?guarded')).toHaveLength(0);
      },
    );

    it('reaches loopback when the delivery allows private networks', async () => {
      const outcome = await guarded.post({
        url: receiver.url('/ok?allowed'),
        headers: signedHeaders(SECRET, 'msg_allowed', new Date(), BODY),
        body: BODY,
        allowPrivateNetwork: true,
      });
      expect(outcome).toMatchObject({ ok: true, status: 204 });
      expect(receiver.requestsTo('/ok?allowed')[0]?.verification).toBe('verified');
    });

    it('refuses loopback when the delivery forbids what the client allows', async () => {
      const outcome = await client.post({
        url: receiver.url('/ok?forbidden'),
        headers: signedHeaders(SECRET, 'msg_forbidden', new Date(), BODY),
        body: BODY,
        allowPrivateNetwork: false,
      });
      expect(outcome).toMatchObject({ ok: false, error: 'blocked_address' });
    });
  });
});
