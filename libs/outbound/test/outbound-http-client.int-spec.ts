import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectEventually, freePort } from '@app/testing';
import {
  DEFAULT_USER_AGENT,
  OutboundHttpClient,
  type OutboundRequest,
  type OutboundResult,
} from '../src/index.js';
import { LocalHttpServer, type ReceivedRequest } from './local-http-server.js';

const MiB = 1024 * 1024;
const FEED = Buffer.from('<rss version="2.0"><channel><title>Vigil test</title></channel></rss>');
const ETAG = '"feed-v1"';
const LAST_MODIFIED = 'Sun, 01 Mar 2026 12:00:00 GMT';
const COMPRESSED: Readonly<Record<string, [string, Buffer]>> = {
  '/gzip': ['gzip', gzipSync(FEED)],
  '/deflate': ['deflate', deflateSync(FEED)],
  '/deflate-raw': ['deflate', deflateRawSync(FEED)],
  '/br': ['br', brotliCompressSync(FEED)],
};
/** 64 MiB of zeros: tens of KiB on the wire. */
const BOMB = gzipSync(Buffer.alloc(64 * MiB));
const STREAM_BYTES = 50 * MiB;
const ERROR_BODY = Buffer.from('e'.repeat(5000));

/** What the streaming routes had written when their client left. */
const streamed: { sent?: Promise<number>; dripped: number } = { dripped: 0 };

function route(request: ReceivedRequest, response: ServerResponse<IncomingMessage>): void {
  const [path = '', query = ''] = request.path.split('?');
  const params = new URLSearchParams(query);
  const compressed = COMPRESSED[path];
  if (compressed) {
    response.writeHead(200, { 'content-encoding': compressed[0] }).end(compressed[1]);
    return;
  }
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const left = Number(chain[1]);
    if (left === 0) response.end('end of chain');
    // Relative and absolute Locations alternate, so both are resolved.
    else if (left % 2 === 0) response.writeHead(302, { location: `${left - 1}` }).end();
    else response.writeHead(301, { location: `http://127.0.0.1:${port}/chain/${left - 1}` }).end();
    return;
  }
  const status = /^\/status\/(\d+)$/.exec(path);
  if (status) {
    const headers: Record<string, string> = {};
    const retryAfter = params.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    if (params.has('gzip')) {
      headers['content-encoding'] = 'gzip';
      response.writeHead(Number(status[1]), headers).end(gzipSync(ERROR_BODY));
    } else {
      response.writeHead(Number(status[1]), headers).end(ERROR_BODY);
    }
    return;
  }
  switch (path) {
    case '/feed':
      if (request.headers['if-none-match'] === ETAG) {
        response.writeHead(304, { etag: ETAG }).end();
      } else {
        response.setHeader('set-cookie', ['a=1', 'b=2']);
        response.writeHead(200, { etag: ETAG, 'last-modified': LAST_MODIFIED }).end(FEED);
      }
      return;
    case '/echo':
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(request.body);
      return;
    case '/redirect':
      if (params.has('location')) {
        response.writeHead(Number(params.get('status') ?? 302), {
          location: params.get('location') ?? '',
        });
      } else {
        response.writeHead(302);
      }
      response.end();
      return;
    case '/loop':
      response.writeHead(302, { location: '/loop' }).end();
      return;
    case '/bomb':
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(BOMB);
      return;
    case '/corrupt':
      response.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip');
      return;
    case '/declared-huge':
      response.writeHead(200, { 'content-length': String(11 * MiB) });
      response.write(Buffer.alloc(1024));
      return;
    case '/stream':
      streamed.sent = streamUntilClosed(response);
      return;
    case '/drip':
      drip(response);
      return;
    case '/hang':
      return;
    default:
      response.writeHead(404).end();
  }
}

/** Writes STREAM_BYTES in 64 KiB chunks, as fast as the client reads them. */
function streamUntilClosed(response: ServerResponse<IncomingMessage>): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const write = (): void => {
    while (sent < STREAM_BYTES && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', write);
        return;
      }
    }
    response.end();
  };
  response.writeHead(200, { 'content-type': 'text/plain' });
  write();
  return new Promise((resolve) => response.on('close', () => resolve(sent)));
}

/** One byte every 50 ms, forever: each byte comes well within any idle timeout. */
function drip(response: ServerResponse<IncomingMessage>): void {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const timer = setInterval(() => {
    streamed.dripped += 1;
    response.write('.');
  }, 50);
  response.on('close', () => clearInterval(timer));
}

let server: LocalHttpServer;
let otherOrigin: LocalHttpServer;
let port: number;
const client = new OutboundHttpClient();

/** Every test here talks to loopback servers, which only allowPrivateNetworks reaches. */
function fetchLocal(path: string, options: Partial<OutboundRequest> = {}): Promise<OutboundResult> {
  return client.request({ url: server.url(path), allowPrivateNetworks: true, ...options });
}

function expectOk(result: OutboundResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result.response;
}

beforeAll(async () => {
  server = await LocalHttpServer.start(route);
  port = server.port;
  otherOrigin = await LocalHttpServer.start((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.headers));
  });
});

afterAll(async () => {
  await client.close();
  await Promise.all([server.close(), otherOrigin.close()]);
});

describe('OutboundHttpClient against a local server', () => {
  describe('conditional GET', () => {
    it('returns validators, then a 304 with an empty body when they are sent back', async () => {
      const first = expectOk(await fetchLocal('/feed'));
      expect(first.status).toBe(200);
      expect(first.body).toEqual(FEED);
      expect(first.headers['etag']).toBe(ETAG);
      expect(first.headers['last-modified']).toBe(LAST_MODIFIED);
      expect(first.headers['set-cookie']).toBe('a=1, b=2');
      expect(first.finalUrl).toBe(server.url('/feed'));
      expect(first.redirects).toEqual([]);

      const second = expectOk(
        await fetchLocal('/feed', {
          headers: { 'If-None-Match': ETAG, 'If-Modified-Since': LAST_MODIFIED },
        }),
      );
      expect(second.status).toBe(304);
      expect(second.body.length).toBe(0);
      const [, conditional] = server.requestsTo('/feed');
      expect(conditional?.headers['if-none-match']).toBe(ETAG);
      expect(conditional?.headers['if-modified-since']).toBe(LAST_MODIFIED);
    });

    it('sends a descriptive User-Agent and offers gzip, deflate and br', async () => {
      await fetchLocal('/echo', { headers: { accept: 'application/rss+xml' } });
      const echoed = server.requestsTo('/echo').at(-1);
      expect(echoed?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
      expect(DEFAULT_USER_AGENT).toMatch(/^Vigil\/\S+ \(.*news alerting.*\)$/);
      expect(echoed?.headers['accept-encoding']).toBe('gzip, deflate, br');
      expect(echoed?.headers['accept']).toBe('application/rss+xml');
    });

    it("lets the caller's User-Agent win over the default", async () => {
      await fetchLocal('/echo', { headers: { 'User-Agent': 'Vigil-Webhooks/0.1' } });
      expect(server.requestsTo('/echo').at(-1)?.headers['user-agent']).toBe('Vigil-Webhooks/0.1');
    });
  });

  describe('bodies', () => {
    it.each(Object.keys(COMPRESSED))('decodes %s', async (path) => {
      const response = expectOk(await fetchLocal(path));
      expect(response.body).toEqual(FEED);
    });

    it('refuses a gzip bomb once the decompressed size passes the cap', async () => {
      expect(BOMB.length).toBeLessThan(MiB);
      const result = await fetchLocal('/bomb');
      expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    });

    it('reports a body that does not decompress', async () => {
      const result = await fetchLocal('/corrupt');
      expect(result).toMatchObject({ ok: false, reason: 'decompression_error' });
    });

    it('refuses a Content-Length over the cap before reading the body', async () => {
      const result = await fetchLocal('/declared-huge');
      expect(result).toMatchObject({ ok: false, reason: 'too_large' });
      if (!result.ok) expect(result.message).toContain('announced');
    });

    it('stops reading a chunked body at the cap, long before the server has sent it all', async () => {
      const result = await fetchLocal('/stream');
      expect(result).toMatchObject({ ok: false, reason: 'too_large' });
      const sent = await streamed.sent;
      expect(sent).toBeGreaterThan(10 * MiB);
      expect(sent).toBeLessThan(STREAM_BYTES / 2);
    });

    it('honours a smaller cap given by the caller', async () => {
      const result = await fetchLocal('/feed', { maxBodyBytes: FEED.length - 1 });
      expect(result).toMatchObject({ ok: false, reason: 'too_large' });
      expectOk(await fetchLocal('/feed', { maxBodyBytes: FEED.length }));
    });

    it.each([
      ['text', '{"type":"alert.raised","title":"Überschwemmung in Köln"}'],
      ['binary', Uint8Array.from({ length: 256 }, (_, index) => index)],
    ])('POSTs a %s body intact', async (_kind, body) => {
      const response = expectOk(
        await fetchLocal('/echo', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(response.body).toEqual(Buffer.from(body));
      const received = server.requestsTo('/echo').at(-1);
      expect(received?.method).toBe('POST');
      expect(received?.headers['content-type']).toBe('application/json');
    });
  });

  describe('redirects', () => {
    it('follows a chain of three and lists each URL it led to', async () => {
      const response = expectOk(await fetchLocal('/chain/3'));
      expect(response.body.toString()).toBe('end of chain');
      expect(response.redirects).toEqual([
        server.url('/chain/2'),
        server.url('/chain/1'),
        server.url('/chain/0'),
      ]);
      expect(response.finalUrl).toBe(server.url('/chain/0'));
    });

    it('gives up on a loop after the maximum number of redirects', async () => {
      const before = server.requestsTo('/loop').length;
      const result = await fetchLocal('/loop');
      expect(result).toMatchObject({ ok: false, reason: 'too_many_redirects' });
      expect(server.requestsTo('/loop').length - before).toBe(6);
    });

    it('honours a lower maximum given by the caller', async () => {
      const result = await fetchLocal('/chain/3', { maxRedirects: 2 });
      expect(result).toMatchObject({ ok: false, reason: 'too_many_redirects' });
      expectOk(await fetchLocal('/chain/3', { maxRedirects: 3 }));
    });

    it('fails a redirect when redirects are not to be followed, as for webhooks', async () => {
      const before = server.requestsTo('/chain/0').length;
      const result = await fetchLocal('/chain/1', {
        method: 'POST',
        body: '{}',
        followRedirects: false,
      });
      expect(result).toMatchObject({ ok: false, reason: 'redirect_not_allowed' });
      expect(server.requestsTo('/chain/0')).toHaveLength(before);
    });

    it('turns a POST answered by 303 into a GET without the body', async () => {
      const location = encodeURIComponent('/echo');
      const response = expectOk(
        await fetchLocal(`/redirect?status=303&location=${location}`, {
          method: 'POST',
          body: 'payload',
          headers: { 'content-type': 'text/plain' },
        }),
      );
      expect(response.body.length).toBe(0);
      const received = server.requestsTo('/echo').at(-1);
      expect(received?.method).toBe('GET');
      expect(received?.headers['content-type']).toBeUndefined();
    });

    it('repeats a POST with its body on 307', async () => {
      const location = encodeURIComponent('/echo');
      const response = expectOk(
        await fetchLocal(`/redirect?status=307&location=${location}`, {
          method: 'POST',
          body: 'payload',
        }),
      );
      expect(response.body.toString()).toBe('payload');
      expect(server.requestsTo('/echo').at(-1)?.method).toBe('POST');
    });

    it('drops credentials when a redirect leaves the origin', async () => {
      const location = encodeURIComponent(otherOrigin.url('/headers'));
      const response = expectOk(
        await fetchLocal(`/redirect?location=${location}`, {
          headers: { authorization: 'Bearer s3cret', cookie: 'session=1', 'x-feed': 'kept' },
        }),
      );
      const headers = JSON.parse(response.body.toString()) as Record<string, string>;
      expect(headers['authorization']).toBeUndefined();
      expect(headers['cookie']).toBeUndefined();
      expect(headers['x-feed']).toBe('kept');
      expect(server.received.at(-1)?.headers['authorization']).toBe('Bearer s3cret');
    });

    it.each([
      ['ftp://127.0.0.1/feed.xml', 'unsupported_protocol'],
      ['file:///etc/passwd', 'unsupported_protocol'],
      ['http://exa mple.org/', 'invalid_url'],
    ])('refuses a redirect to %s', async (target, reason) => {
      const result = await fetchLocal(`/redirect?location=${encodeURIComponent(target)}`);
      expect(result).toMatchObject({ ok: false, reason });
    });

    it('fails a redirect without a Location', async () => {
      expect(await fetchLocal('/redirect')).toMatchObject({ ok: false, reason: 'invalid_url' });
    });
  });

  describe('URLs', () => {
    it.each([
      ['ftp://example.org/feed.xml', 'unsupported_protocol'],
      ['file:///etc/passwd', 'unsupported_protocol'],
      ['javascript:alert(1)', 'unsupported_protocol'],
      ['not a url', 'invalid_url'],
      ['http://', 'invalid_url'],
      ['', 'invalid_url'],
    ])('refuses %j as %s', async (url, reason) => {
      const result = await client.request({ url, allowPrivateNetworks: true });
      expect(result).toMatchObject({ ok: false, reason });
    });
  });

  describe('HTTP errors', () => {
    it('reports a 404 with its status and no more than the first KiB of its body', async () => {
      const result = await fetchLocal('/status/404', {
        headers: { authorization: 'Bearer s3cret' },
      });
      expect(result).toMatchObject({ ok: false, reason: 'http_4xx', response: { status: 404 } });
      if (result.ok) return;
      expect(result.response?.body).toEqual(ERROR_BODY.subarray(0, 1024));
      expect(result.message).not.toContain('s3cret');
    });

    it('reports a 503 with its Retry-After', async () => {
      const result = await fetchLocal('/status/503?retry-after=120');
      expect(result).toMatchObject({
        ok: false,
        reason: 'http_5xx',
        response: { status: 503, headers: { 'retry-after': '120' } },
      });
    });

    it('reports a 429 as a 4xx with its Retry-After', async () => {
      const result = await fetchLocal('/status/429?retry-after=30');
      expect(result).toMatchObject({
        ok: false,
        reason: 'http_4xx',
        response: { status: 429, headers: { 'retry-after': '30' } },
      });
    });

    it('decodes the first KiB of a compressed error body', async () => {
      const result = await fetchLocal('/status/500?gzip');
      expect(result).toMatchObject({ ok: false, reason: 'http_5xx' });
      if (!result.ok) expect(result.response?.body).toEqual(ERROR_BODY.subarray(0, 1024));
    });
  });

  describe('network failures', () => {
    it('reports a refused connection', async () => {
      const closedPort = await freePort();
      const result = await client.request({
        url: `http://127.0.0.1:${closedPort}/`,
        allowPrivateNetworks: true,
      });
      expect(result).toMatchObject({ ok: false, reason: 'connection_error' });
    });

    it('reports a TLS failure when the server does not speak TLS', async () => {
      const result = await client.request({
        url: `https://127.0.0.1:${port}/feed`,
        allowPrivateNetworks: true,
      });
      expect(result).toMatchObject({ ok: false, reason: 'tls_error' });
    });

    it('times out on a server that never answers', async () => {
      const result = await fetchLocal('/hang', { connectTimeoutMs: 300, totalTimeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      expect(server.requestsTo('/hang').length).toBeGreaterThan(0);
    });

    it('times out on a body that drips forever, though bytes keep coming', async () => {
      const result = await fetchLocal('/drip', { totalTimeoutMs: 500 });
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      expect(streamed.dripped).toBeGreaterThan(3);
    });

    it('reports a request cancelled by its caller as aborted, not as a timeout', async () => {
      const controller = new AbortController();
      const pending = fetchLocal('/hang?cancelled', { signal: controller.signal });
      await expectEventually(() => expect(server.requestsTo('/hang?cancelled')).toHaveLength(1));
      controller.abort();
      expect(await pending).toMatchObject({ ok: false, reason: 'aborted' });
    });
  });
});
