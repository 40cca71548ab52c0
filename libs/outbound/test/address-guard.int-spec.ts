import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboundHttpClient } from '../src/index.js';
import { LocalHttpServer } from './local-http-server.js';

/**
 * Names for the hooked client. Nothing here is ever contacted except 127.0.0.1: the guard must
 * refuse every other address before a socket opens.
 */
const ZONE: Readonly<Record<string, LookupAddress[]>> = {
  'feed.test': [{ address: '127.0.0.1', family: 4 }],
  'split.test': [
    { address: '127.0.0.1', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'internal.test': [{ address: '10.0.0.7', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
};

const zoneLookup: LookupFunction = (hostname, options, callback) => {
  const addresses = ZONE[hostname];
  if (!addresses) {
    callback(Object.assign(new Error(`no ${hostname}`), { code: 'ENOTFOUND' }), '');
  } else if (options.all) {
    callback(null, addresses);
  } else {
    callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
  }
};

let server: LocalHttpServer;
/** The production configuration: public addresses only, real resolver. */
const client = new OutboundHttpClient();
/**
 * Treats 127.0.0.1 as if it were public, so a request can reach the local server with the
 * guard still on, and proves that what comes next (redirect targets, other resolved addresses)
 * is checked too.
 */
const hooked = new OutboundHttpClient({
  lookup: zoneLookup,
  isAllowedAddress: (address) => address === '127.0.0.1',
});

beforeAll(async () => {
  server = await LocalHttpServer.start((request, response) => {
    const location = new URLSearchParams(request.path.split('?')[1]).get('location');
    if (location) response.writeHead(302, { location }).end();
    else response.end('reached');
  });
});

afterAll(async () => {
  await Promise.all([client.close(), hooked.close()]);
  await server.close();
});

describe('the address guard', () => {
  describe('without allowPrivateNetworks', () => {
    it.each([
      'http://127.0.0.1:{port}/',
      'http://[::1]:{port}/',
      'http://[::ffff:127.0.0.1]:{port}/',
      'http://0.0.0.0:{port}/',
      'http://2130706433:{port}/',
      'http://0x7f.1:{port}/',
      'http://10.0.0.1/',
      'http://192.168.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
    ])('refuses the IP literal in %s before connecting', async (url) => {
      const connections = server.connections;
      const result = await client.request({ url: url.replace('{port}', String(server.port)) });
      expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
      expect(server.connections).toBe(connections);
    });

    it.each(['localhost', 'localhost.'])(
      'refuses %s, a loopback name, before connecting',
      async (host) => {
        const connections = server.connections;
        const result = await client.request({ url: `http://${host}:${server.port}/` });
        expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
        if (!result.ok)
          expect(result.message).toBe(`${host} is a loopback name, not a public address`);
        expect(server.connections).toBe(connections);
      },
    );

    it('lets the same requests through when the feed allows private networks', async () => {
      for (const host of ['127.0.0.1', 'localhost']) {
        const result = await client.request({
          url: `http://${host}:${server.port}/`,
          allowPrivateNetworks: true,
        });
        expect(result).toMatchObject({ ok: true, response: { status: 200 } });
      }
    });
  });

  describe('on every hop and every address', () => {
    it('reaches an allowed address through a name', async () => {
      const result = await hooked.request({ url: `http://feed.test:${server.port}/` });
      expect(result).toMatchObject({ ok: true, response: { status: 200 } });
      expect(server.received.at(-1)?.headers['host']).toBe(`feed.test:${server.port}`);
    });

    it('refuses a name when any one of its addresses is not allowed', async () => {
      const connections = server.connections;
      const result = await hooked.request({ url: `http://split.test:${server.port}/` });
      expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
      if (!result.ok) expect(result.message).toContain('10.0.0.1');
      expect(server.connections).toBe(connections);
    });

    it.each([
      ['http://10.0.0.1/', '10.0.0.1'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['http://internal.test/admin', '10.0.0.7'],
      ['http://metadata.test/latest/meta-data/', '169.254.169.254'],
    ])('re-checks a redirect to %s', async (target, address) => {
      const requests = server.received.length;
      const result = await hooked.request({
        url: `http://127.0.0.1:${server.port}/?location=${encodeURIComponent(target)}`,
      });
      expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
      if (!result.ok) expect(result.message).toContain(address);
      expect(server.received.length).toBe(requests + 1);
    });

    it('re-checks a redirect back to a loopback address that is not allowed', async () => {
      const target = `http://[::1]:${server.port}/`;
      const result = await hooked.request({
        url: `http://127.0.0.1:${server.port}/?location=${encodeURIComponent(target)}`,
      });
      expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
    });

    it('reports a name that does not resolve', async () => {
      const result = await hooked.request({ url: 'http://missing.test/' });
      expect(result).toMatchObject({ ok: false, reason: 'dns_error' });
    });
  });
});
